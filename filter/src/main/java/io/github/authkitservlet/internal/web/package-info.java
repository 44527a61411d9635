/**
 * Addresses: normalising request paths before matching, URL patterns, safe return paths, origins.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.web;
