/**
 * Sessions: from a session cookie to a signed-in user (unseal, verify, refresh once however many
 * requests ask, remember verified sessions, refuse ended ones).
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.authn;
