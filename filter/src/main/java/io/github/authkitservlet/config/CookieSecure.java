package io.github.authkitservlet.config;

/**
 * When the session cookie carries the Secure attribute ({@code workos.cookie-secure}).
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public enum CookieSecure {
  /** Secure unless the request is plain http to a loopback host (local development). */
  AUTO,
  /** Always Secure. */
  ALWAYS,
  /** Never Secure (not allowed with SameSite=None). */
  NEVER
}
