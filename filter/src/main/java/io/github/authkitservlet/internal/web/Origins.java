package io.github.authkitservlet.internal.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Origins ({@code scheme://host[:port]}) written one way, so they can be compared: lower case,
 * default ports left out, IPv6 literals in brackets.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public final class Origins {

  private Origins() {}

  /** The origin of a scheme, host and port ({@code port <= 0}: the scheme's default). */
  public static String of(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]"; // IPv6 literal
    }
    boolean defaultPort = ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443) || port <= 0;
    return s + "://" + h + (defaultPort ? "" : ":" + port);
  }

  /** The origin of an absolute URL; empty when it has none. */
  public static Optional<String> of(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(of(uri.getScheme(), uri.getHost(), uri.getPort()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
