package io.github.authkitservlet.internal.web;

import java.util.Optional;

/**
 * Decides where the browser may be sent back to after sign-in: only a relative
 * path (plus query) on this origin. Anything else becomes {@code /}, so a crafted
 * {@code returnTo} can never turn the callback into an open redirect.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public final class ReturnPaths {

  /** Longer return paths are not worth keeping (and would bloat the flow cookie). */
  public static final int MAX_LENGTH = 2048;
  /** Where a rejected candidate goes. */
  public static final String FALLBACK = "/";
  /** Three layers of encoding ({@code %25252F}) are decoded and checked; deeper is never legitimate. */
  private static final int MAX_DECODE_ROUNDS = 4;

  private ReturnPaths() {}

  /**
   * {@code candidate} if it is a safe same-origin path+query, otherwise {@code /}.
   *
   * <p>Safe means: printable ASCII only (a path from {@code getRequestURI()} is already
   * percent-encoded), at most {@value #MAX_LENGTH} characters, starting with exactly one {@code /}
   * (not {@code //} or {@code /\}, which browsers read as another host), no backslash; and after
   * percent-decoding (repeatedly) the path still does not start with {@code //}, contains no
   * backslash, and nothing anywhere decodes to a control character such as CR or LF.
   */
  public static String sanitize(String candidate) {
    return isSafe(candidate) ? candidate : FALLBACK;
  }

  /** Whether {@code candidate} is a safe same-origin path and query, as {@link #sanitize} judges it. */
  public static boolean isSafe(String candidate) {
    if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      // Space, controls, DEL, backslash and anything non-ASCII (look-alikes such as U+FF0F '／').
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return false;
      }
    }
    if (!startsWithOneSlash(candidate)) {
      return false;
    }
    String current = candidate;
    for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
      Optional<String> decoded = PercentDecoding.decode(current);
      if (decoded.isEmpty()) {
        // The candidate itself must be well-formed; a later round that no longer decodes means
        // the text was a literal '%' (such as "100%25"), which browsers keep as it is.
        return round > 0;
      }
      String next = decoded.get();
      if (next.chars().anyMatch(c -> PercentDecoding.isControl((char) c))) {
        return false;
      }
      String path = RequestPaths.stripQuery(next);
      if (!startsWithOneSlash(path) || path.indexOf('\\') >= 0) {
        return false;
      }
      if (next.equals(current)) {
        return true;
      }
      current = next;
    }
    // Still changing after several rounds: deliberately nested encoding.
    return false;
  }

  private static boolean startsWithOneSlash(String path) {
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
  }
}
