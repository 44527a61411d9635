/**
 * The WorkOS calls authkit-servlet makes, on the official Java SDK, and what their failures mean.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.workos;
