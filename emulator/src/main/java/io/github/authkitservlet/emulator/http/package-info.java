/**
 * Internal: the HTTP server (JDK {@code HttpServer}), routing, request/response helpers and
 * WorkOS's two error shapes. Not an API.
 */
package io.github.authkitservlet.emulator.http;
