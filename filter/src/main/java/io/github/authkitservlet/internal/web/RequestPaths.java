package io.github.authkitservlet.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Computes the path inside the application that URL patterns are matched against, so that
 * {@code ;} parameters, dot segments, doubled slashes and percent-encoding cannot move a request
 * from a protected pattern into a public one: {@code /public/../admin},
 * {@code /public;x=1/../admin}, {@code /admin;jsessionid=1} and {@code /%61dmin} all become
 * {@code /admin}.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public final class RequestPaths {

  /** Longer request URIs are rejected (Tomcat's default header limit is 8 KB anyway). */
  static final int MAX_LENGTH = 8 * 1024;

  private RequestPaths() {}

  /**
   * The normalised path of {@code requestUri} inside {@code contextPath}, always starting with
   * {@code /}; a trailing slash is kept.
   *
   * <p>Each segment loses its {@code ;params} and is percent-decoded; {@code .} and empty segments
   * are dropped; {@code ..} removes the previous segment. Empty (reject the request) when the URI
   * is not a path inside the context, a {@code ..} climbs above the root, a segment contains an
   * encoded slash or backslash ({@code %2F}, {@code %5C}) or a raw backslash, a NUL or other control
   * character, non-ASCII raw characters, or invalid percent-encoding.
   *
   * @param requestUri the raw request URI ({@code HttpServletRequest.getRequestURI()}); a query or
   *     fragment, if present, is ignored
   * @param contextPath the context path ({@code ""} for the root context)
   */
  public static Optional<String> normalize(String requestUri, String contextPath) {
    if (requestUri == null || requestUri.isEmpty() || requestUri.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    // Nearly every request carries a path that is already normal; the full work below (split,
    // decode, re-join) was about 40 % of the filter's time per request in a profile of the load run.
    if (isAlreadyNormal(requestUri)) {
      if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
        return Optional.of(requestUri);
      }
      if (isAlreadyNormal(contextPath) && !contextPath.endsWith("/")) {
        return inContext(requestUri, contextPath);
      }
    }
    return normalizeFully(requestUri, contextPath);
  }

  /**
   * A normalised (decoded) path written back as a URL path: every character but the unreserved
   * ones, {@code /} and the sub-delimiters that mean nothing special in a path is percent-encoded
   * as UTF-8, so a decoded {@code ?}, {@code #}, {@code ;} or {@code %} cannot change what the path
   * means when it is read again.
   */
  public static String encode(String normalizedPath) {
    StringBuilder out = new StringBuilder(normalizedPath.length() + 16);
    for (byte b : normalizedPath.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,=:@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Whether normalisation would return {@code path} unchanged: it starts with {@code /}, holds only
   * visible ASCII, and has no {@code ;}, {@code %}, {@code \}, {@code ?}, {@code #}, doubled slash or
   * {@code .}/{@code ..} segment. Such a path is its own normal form, so the fast path returns it as
   * it is; everything else (including every path the full work rejects) takes the full work.
   */
  static boolean isAlreadyNormal(String path) {
    int length = path.length();
    if (length == 0 || path.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = path.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ';' || c == '%' || c == '\\' || c == '?' || c == '#') {
        return false;
      }
      if (c == '/' && i + 1 < length) {
        char next = path.charAt(i + 1);
        if (next == '/') {
          return false; // an empty segment
        }
        if (next == '.' && isDotSegment(path, i + 1)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the segment starting at {@code start} (a '.') is "." or "..". */
  private static boolean isDotSegment(String path, int start) {
    int end = path.indexOf('/', start);
    int segmentLength = (end < 0 ? path.length() : end) - start;
    return segmentLength == 1 || (segmentLength == 2 && path.charAt(start + 1) == '.');
  }

  /** {@code path} relative to {@code contextPath}; both already normal, the context without a trailing slash. */
  private static Optional<String> inContext(String path, String contextPath) {
    if (!path.startsWith(contextPath)) {
      return Optional.empty();
    }
    if (path.length() == contextPath.length()) {
      return Optional.of("/");
    }
    if (path.charAt(contextPath.length()) == '/') {
      return Optional.of(path.substring(contextPath.length()));
    }
    return Optional.empty();
  }

  /** What {@link #normalize} computes, without the fast path (package-private so tests can compare the two). */
  static Optional<String> normalizeFully(String requestUri, String contextPath) {
    if (requestUri == null || requestUri.isEmpty() || requestUri.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Optional<String> full = normalizeAbsolute(stripQuery(requestUri));
    if (full.isEmpty()) {
      return Optional.empty();
    }
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return full;
    }
    Optional<String> context = normalizeAbsolute(contextPath);
    if (context.isEmpty()) {
      return Optional.empty();
    }
    String ctx = context.get().endsWith("/") ? context.get().substring(0, context.get().length() - 1) : context.get();
    String path = full.get();
    if (path.equals(ctx)) {
      return Optional.of("/");
    }
    if (path.startsWith(ctx + "/")) {
      return Optional.of(path.substring(ctx.length()));
    }
    // A path that left the context (/app/../other) is not ours to judge: reject.
    return Optional.empty();
  }

  /** The part of a URI before its query or fragment. */
  static String stripQuery(String uri) {
    int end = uri.length();
    int query = uri.indexOf('?');
    int fragment = uri.indexOf('#');
    if (query >= 0) {
      end = query;
    }
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return uri.substring(0, end);
  }

  private static Optional<String> normalizeAbsolute(String rawPath) {
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    Deque<String> segments = new ArrayDeque<>();
    String[] rawSegments = rawPath.substring(1).split("/", -1);
    boolean trailingSlash = false;
    for (String rawSegment : rawSegments) {
      int semicolon = rawSegment.indexOf(';');
      String withoutParams = semicolon >= 0 ? rawSegment.substring(0, semicolon) : rawSegment;
      Optional<String> decoded = PercentDecoding.decode(withoutParams);
      if (decoded.isEmpty()) {
        return Optional.empty();
      }
      String segment = decoded.get();
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        // An encoded '/' or '\' would make the container and us disagree about segments.
        if (c == '/' || c == '\\' || PercentDecoding.isControl(c)) {
          return Optional.empty();
        }
      }
      switch (segment) {
        case "", "." -> trailingSlash = true;
        case ".." -> {
          if (segments.isEmpty()) {
            return Optional.empty();
          }
          segments.removeLast();
          trailingSlash = true;
        }
        default -> {
          segments.addLast(segment);
          trailingSlash = false;
        }
      }
    }
    if (segments.isEmpty()) {
      return Optional.of("/");
    }
    String joined = "/" + String.join("/", segments);
    return Optional.of(trailingSlash ? joined + "/" : joined);
  }
}
