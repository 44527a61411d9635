/**
 * The sample's JSON API ({@code /api/*}), guarded by the AuthKit filter as API paths (401/403 JSON,
 * session cookies or bearer credentials): {@code /api/me} (a servlet) and {@code /api/reports}
 * (JAX-RS with {@code @RolesAllowed}).
 */
package io.github.authkitservlet.sample.api;
