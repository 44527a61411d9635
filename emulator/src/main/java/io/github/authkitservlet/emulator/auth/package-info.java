/**
 * Internal: the AuthKit endpoints (hosted pages, codes and PKCE, the authenticate grants,
 * logout, revoke, user lookup) and WorkOS's JSON shapes. Not an API.
 */
package io.github.authkitservlet.emulator.auth;
