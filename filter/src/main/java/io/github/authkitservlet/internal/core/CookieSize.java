package io.github.authkitservlet.internal.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether a cookie fits in a browser. Browsers keep at most 4096 bytes of name plus value and drop
 * a larger cookie without a word, which turns into a sign-in loop; AuthKit refuses to send such a
 * cookie and says so instead.
 *
 * <p>Internal API of authkit-servlet.
 */
final class CookieSize {

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
}
