package io.github.authkitservlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs for this request's origin, built only from what the container resolved
 * (scheme, server name, port): never from raw {@code Host} or {@code X-Forwarded-*} headers, which
 * a client can forge. Behind a proxy, configure the container (Tomcat's RemoteIpValve) or give
 * absolute URLs in the configuration.
 */
final class Urls {

  private Urls() {}

  /** {@code scheme://host[:port]} of the request, default ports left out. */
  static String origin(HttpServletRequest request) {
    String scheme = request.getScheme();
    String host = request.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // IPv6 literal
    }
    int port = request.getServerPort();
    boolean defaultPort = ("http".equalsIgnoreCase(scheme) && port == 80)
        || ("https".equalsIgnoreCase(scheme) && port == 443) || port <= 0;
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  /** An absolute URL as is, or a path ({@code /...}) on this request's origin. */
  static String absolute(HttpServletRequest request, String urlOrPath) {
    return urlOrPath.startsWith("/") ? origin(request) + urlOrPath : urlOrPath;
  }

  /** The application's root URL, with a trailing slash. */
  static String applicationRoot(HttpServletRequest request) {
    return origin(request) + request.getContextPath() + "/";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
