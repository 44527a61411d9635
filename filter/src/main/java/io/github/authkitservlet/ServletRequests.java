package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Protection;
import io.github.authkitservlet.internal.core.RequestFacts;
import io.github.authkitservlet.internal.core.RequestMemory;
import io.github.authkitservlet.internal.web.Origins;
import io.github.authkitservlet.internal.web.RequestPaths;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads what the decisions need from a servlet request: the one place AuthKit looks at a request. */
final class ServletRequests {

  private ServletRequests() {}

  /**
   * The facts of {@code request} for an application deployed at {@code contextPath} (the
   * application's own, never the request's spelling of it).
   *
   * @param protection who says whether the request needs a caller (the filter's rules, or the container)
   */
  static RequestFacts facts(HttpServletRequest request, String contextPath, String sessionCookieName,
      Protection protection) {
    return new RequestFacts(
        request.getMethod(),
        RequestPaths.normalize(request.getRequestURI(), contextPath),
        request.getQueryString(),
        () -> origin(request),
        request::getHeader,
        cookie(request, sessionCookieName).orElse(null),
        () -> servedByExtensionOrDefault(request),
        protection);
  }

  /** Request attributes, where several AuthKit declarations on one request share what they found. */
  static RequestMemory memory(HttpServletRequest request) {
    return new RequestMemory() {
      @Override
      public Object recall(String key) {
        return request.getAttribute(key);
      }

      @Override
      public void remember(String key, Object value) {
        request.setAttribute(key, value);
      }
    };
  }

  /** {@code scheme://host[:port]} of the request as the container resolved it. */
  static String origin(HttpServletRequest request) {
    return Origins.of(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /** The value of the cookie named {@code name}, if the browser sent it (the first, if several). */
  static Optional<String> cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals(name)) {
          return Optional.of(cookie.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** The cookies whose names start with {@code prefix}, name to value, in the order sent. */
  static Map<String, String> cookiesStartingWith(HttpServletRequest request, String prefix) {
    Map<String, String> found = new LinkedHashMap<>();
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().startsWith(prefix)) {
          found.putIfAbsent(cookie.getName(), cookie.getValue());
        }
      }
    }
    return found;
  }

  private static boolean servedByExtensionOrDefault(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    return match == MappingMatch.EXTENSION || match == MappingMatch.DEFAULT;
  }
}
