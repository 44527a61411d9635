/**
 * Settings: the names users type ({@code workos.*} ⇔ {@code WORKOS_*}), where values come from,
 * and their validation into one immutable configuration.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.config;
