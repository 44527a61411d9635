/**
 * Internal: the seed (reading and validating it), the directory of users, organizations, roles
 * and clients, and sessions. Not an API.
 */
package io.github.authkitservlet.emulator.data;
