/** The sample's JSON API ({@code /api/*}), guarded by the AuthKit filter as API paths (401/403 JSON). */
package io.github.authkitservlet.sample.api;
