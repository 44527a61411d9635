/**
 * Bearer credentials on API paths: WorkOS access tokens (verified as the session cookie's are,
 * never refreshed) and customers' WorkOS API keys (validated at WorkOS, remembered, rate-limited).
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.bearer;
