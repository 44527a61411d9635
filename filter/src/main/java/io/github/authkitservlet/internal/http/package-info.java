/**
 * Writing answers on servlet responses: the cookies' exact {@code Set-Cookie} lines, error pages,
 * the sign-out confirmation, JSON errors, cache headers.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.http;
