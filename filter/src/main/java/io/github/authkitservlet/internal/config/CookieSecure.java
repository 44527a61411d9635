package io.github.authkitservlet.internal.config;

/**
 * When the session cookie carries the Secure attribute ({@code workos.cookie-secure}).
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public enum CookieSecure {
  /**
   * Secure when the application is served over https: {@code workos.redirect-uri} is https, or the
   * container reports the request as secure. Never decided by the {@code Host} header.
   */
  AUTO,
  /** Always Secure. */
  ALWAYS,
  /** Never Secure (not allowed with SameSite=None). */
  NEVER
}
