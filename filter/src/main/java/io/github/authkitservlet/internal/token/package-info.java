/**
 * Access tokens: RS256 verification against WorkOS's keys, the issuer and client check, and the
 * claims the application gets to see.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.token;
