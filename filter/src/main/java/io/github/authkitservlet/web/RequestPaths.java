package io.github.authkitservlet.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Computes the path inside the application that URL patterns are matched against, so that
 * {@code ;} parameters, dot segments, doubled slashes and percent-encoding cannot move a request
 * from a protected pattern into a public one (DESIGN.md §6.7): {@code /public/../admin},
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

  private static String stripQuery(String uri) {
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
