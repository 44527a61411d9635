/**
 * Bounded in-memory caches keyed by the digest of a credential (a session cookie, a bearer token,
 * an API key), never by the credential itself.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.cache;
