package io.github.authkitservlet.internal.http;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps personal and cookie-setting responses out of shared caches.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class NoStore {

  private NoStore() {}

  /** Adds {@code Cache-Control: no-store} and {@code Vary: Cookie} (once). */
  public static void apply(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    boolean varies = false;
    for (String vary : response.getHeaders("Vary")) {
      if (vary.toLowerCase(java.util.Locale.ROOT).contains("cookie")) {
        varies = true;
      }
    }
    if (!varies) {
      response.addHeader("Vary", "Cookie");
    }
  }
}
