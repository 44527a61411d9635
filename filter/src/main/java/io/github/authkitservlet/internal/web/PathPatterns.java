package io.github.authkitservlet.internal.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of URL patterns in servlet syntax, compiled once and matched against paths normalised by
 * {@link RequestPaths#normalize}:
 * <ul>
 *   <li>{@code /exact} matches that path only;</li>
 *   <li>{@code /prefix/*} matches {@code /prefix} and everything under it; {@code /*} matches all;</li>
 *   <li>{@code *.ext} matches paths whose last segment ends with {@code .ext};</li>
 *   <li>{@code /} matches the application root only (unlike a servlet mapping, where it is the
 *       default servlet: for a list of public paths "everything" would be a dangerous surprise).</li>
 * </ul>
 * Matching is case-sensitive, like servlet mappings.
 *
 * <p>Immutable and thread-safe. Internal API: public only because several packages of this
 * library share it.
 */
public final class PathPatterns {

  private static final PathPatterns NONE = new PathPatterns(List.of());

  private final List<String> patterns;
  private final Set<String> exact = new HashSet<>();
  private final List<String> prefixes = new ArrayList<>();
  private final Set<String> extensions = new HashSet<>();
  private final boolean matchAll;

  private PathPatterns(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    boolean all = false;
    for (String pattern : this.patterns) {
      if (pattern.equals("/*")) {
        all = true;
      } else if (pattern.endsWith("/*")) {
        prefixes.add(pattern.substring(0, pattern.length() - 2));
      } else if (pattern.startsWith("*.")) {
        extensions.add(pattern.substring(1));
      } else {
        exact.add(pattern);
      }
    }
    this.matchAll = all;
  }

  /** Matches nothing. */
  public static PathPatterns none() {
    return NONE;
  }

  /**
   * Parses patterns separated by commas and/or whitespace (a null or blank text gives
   * {@link #none()}).
   *
   * @throws IllegalArgumentException naming the first bad pattern and what is allowed
   */
  public static PathPatterns parse(String commaOrWhitespaceSeparated) {
    if (commaOrWhitespaceSeparated == null || commaOrWhitespaceSeparated.isBlank()) {
      return NONE;
    }
    List<String> patterns = new ArrayList<>();
    for (String token : split(commaOrWhitespaceSeparated)) {
      if (!token.isEmpty()) {
        patterns.add(token);
      }
    }
    return of(patterns);
  }

  /** The items of a list separated by commas and/or whitespace, as every list-valued init-param is written. */
  public static String[] split(String commaOrWhitespaceSeparated) {
    return commaOrWhitespaceSeparated.strip().split("[,\\s]+");
  }

  /**
   * Compiles a list of patterns.
   *
   * @throws IllegalArgumentException naming the first bad pattern and what is allowed
   */
  public static PathPatterns of(List<String> patterns) {
    for (String pattern : patterns) {
      validate(pattern);
    }
    return patterns.isEmpty() ? NONE : new PathPatterns(patterns);
  }

  /** Whether {@code normalizedPath} (from {@link RequestPaths#normalize}) matches any pattern. */
  public boolean matches(String normalizedPath) {
    return matchesExactOrPrefix(normalizedPath) || matchesExtension(normalizedPath);
  }

  /** Whether {@code normalizedPath} matches an exact pattern, a {@code /prefix/*} or {@code /*}. */
  public boolean matchesExactOrPrefix(String normalizedPath) {
    if (normalizedPath == null || normalizedPath.isEmpty()) {
      return false;
    }
    if (matchAll || exact.contains(normalizedPath)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (isAtOrUnder(normalizedPath, prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} is {@code prefix} itself or below it ({@code /x} for {@code /x/*}), without allocating. */
  public static boolean isAtOrUnder(String path, String prefix) {
    return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }

  /** Whether {@code normalizedPath} matches a {@code *.ext} pattern. */
  public boolean matchesExtension(String normalizedPath) {
    if (extensions.isEmpty() || normalizedPath == null || normalizedPath.isEmpty()) {
      return false;
    }
    String lastSegment = normalizedPath.substring(normalizedPath.lastIndexOf('/') + 1);
    int dot = lastSegment.lastIndexOf('.');
    return dot >= 0 && extensions.contains(lastSegment.substring(dot));
  }

  /** Whether there are no patterns. */
  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** The patterns as given. */
  public List<String> patterns() {
    return patterns;
  }

  @Override
  public String toString() {
    return String.join(" ", patterns);
  }

  private static void validate(String pattern) {
    String allowed = "; use /exact, /prefix/*, *.ext or /";
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("empty URL pattern" + allowed);
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\' || c == ';' || c == '?' || c == '#' || c == '%') {
        throw new IllegalArgumentException("invalid URL pattern '" + printable(pattern)
            + "': it contains a character that never appears in a normalised path (space, control,"
            + " non-ASCII, \\ ; ? # or %)" + allowed);
      }
    }
    if (pattern.startsWith("*.")) {
      String extension = pattern.substring(2);
      if (extension.isEmpty() || extension.contains("/") || extension.contains("*") || extension.contains(".")) {
        throw new IllegalArgumentException("invalid extension pattern '" + pattern + "'" + allowed);
      }
      return;
    }
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("invalid URL pattern '" + pattern + "': it must start with '/' or '*.'" + allowed);
    }
    String body = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (body.contains("*")) {
      throw new IllegalArgumentException("invalid URL pattern '" + pattern
          + "': '*' is only allowed as a final '/*' or a leading '*.'" + allowed);
    }
    if (body.contains("//")) {
      throw new IllegalArgumentException("invalid URL pattern '" + pattern + "': '//' never appears in a normalised path" + allowed);
    }
    for (String segment : body.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("invalid URL pattern '" + pattern
            + "': '.' and '..' segments never appear in a normalised path" + allowed);
      }
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }
}
