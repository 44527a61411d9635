package io.github.authkitservlet.internal.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a cookie fits in a browser. Browsers keep at most 4096 bytes of name plus value and drop
 * a larger cookie without a word, which turns into a sign-in loop; AuthKit refuses to send such a
 * cookie and says so instead.
 *
 * <p>Internal API of authkit-servlet.
 */
final class CookieSize {

  private static final Logger LOG = Logger.getLogger(CookieSize.class.getName());

  /** A little under the browsers' 4096, so the attributes and a proxy's own cookies still fit. */
  static final int MAX_BYTES = 4000;

  private CookieSize() {}

  /** The size of {@code name=value} in bytes. */
  static int of(String name, String value) {
    return name.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Why the cookie would not fit (naming it and its size, never its value), or empty when it fits. */
  static Optional<String> problem(String name, String value) {
    int size = of(name, value);
    if (size <= MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of("cookie '" + name + "' would be " + size + " bytes, over the " + MAX_BYTES
        + " bytes browsers keep; the session holds too much (e.g. many permissions or a long profile)");
  }

  /**
   * The refusal for a new session cookie that would not fit, after a SEVERE line saying what
   * happens instead ({@code consequence}) and why; empty when it fits. Never a silent sign-in loop.
   */
  static Optional<Decision.Refuse> refuseOversizedSession(String name, String sealed, String consequence, Site site,
      Effects effects) {
    Optional<String> tooLarge = problem(name, sealed);
    if (tooLarge.isEmpty()) {
      return Optional.empty();
    }
    LOG.log(Level.SEVERE, consequence + ": {0}", tooLarge.get());
    return Optional.of(new Decision.Refuse(500, "session_too_large", "Session too large",
        "Your account's session is larger than browsers can store, so you cannot stay signed in."
            + " The administrator has been told (see the server log).",
        true, site.loginHref(), null, null, effects.withNoStore()));
  }
}
