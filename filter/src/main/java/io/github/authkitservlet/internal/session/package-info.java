/**
 * The sealed cookies: the Iron seal compatible with WorkOS's SDKs, the session and sign-in-flow
 * payloads, and bounded JSON.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.session;
