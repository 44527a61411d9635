package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses AuthKit sends browsers to, built from the configuration and from what the
 * container resolved, never from raw request text.
 *
 * <ul>
 *   <li>The context path is the application's own ({@code ServletContext.getContextPath()}), not the
 *       request's, which repeats whatever spelling the client sent ({@code //app}, {@code /%61pp},
 *       {@code /app;x=y}).
 *   <li>The application's origin is that of an absolute {@code workos.redirect-uri}. Only with a
 *       path redirect URI does it come from the request (scheme, server name and port as the
 *       container resolved them: the {@code Host} header, unless a proxy valve rewrote it), which is
 *       why an absolute redirect URI is what production should use.
 * </ul>
 */
final class Urls {

  private Urls() {}

  /** The application's context path as deployed: {@code ""} for the root application, else {@code /name}. */
  static String contextPath(HttpServletRequest request) {
    return request.getServletContext().getContextPath();
  }

  /** {@code scheme://host[:port]} of the request as the container resolved it, default ports left out. */
  static String origin(HttpServletRequest request) {
    return origin(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /** The origin of an absolute URL, normalised like {@link #origin(HttpServletRequest)}; empty when it has none. */
  static Optional<String> originOf(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * The origin the application lives on: that of {@code workos.redirect-uri} when it is absolute,
   * else the request's.
   */
  static String applicationOrigin(HttpServletRequest request, AuthKitConfig config) {
    return config.redirectUriIsPath() ? origin(request)
        : originOf(config.redirectUri()).orElseGet(() -> origin(request));
  }

  /** An absolute URL as is, or a path ({@code /...}) on the application's origin. */
  static String absolute(HttpServletRequest request, AuthKitConfig config, String urlOrPath) {
    return urlOrPath.startsWith("/") ? applicationOrigin(request, config) + urlOrPath : urlOrPath;
  }

  /** The application's root URL, with a trailing slash. */
  static String applicationRoot(HttpServletRequest request, AuthKitConfig config) {
    return applicationOrigin(request, config) + contextPath(request) + "/";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * A normalised (decoded) path written back as a URL path: every character but the unreserved
   * ones, {@code /} and the sub-delimiters that mean nothing special in a path is percent-encoded
   * as UTF-8, so a decoded {@code ?}, {@code #}, {@code ;} or {@code %} cannot change what the path
   * means when it is read again.
   */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
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

  private static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]"; // IPv6 literal
    }
    boolean defaultPort = ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443) || port <= 0;
    return s + "://" + h + (defaultPort ? "" : ":" + port);
  }
}
