package io.github.authkitservlet.emulator.data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only places the emulator ever sends a request to: http(s) URLs on this machine. A webhook
 * URL anywhere else is refused when it is registered, so the emulator never sends packets off-host.
 * Names are never looked up here: only {@code localhost} and loopback address literals pass.
 */
public final class LoopbackUrl {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** What every refusal says, so the fix is obvious from the message alone. */
  public static final String RULE = "the WorkOS emulator only sends webhooks to this machine: use an http(s) URL "
      + "on localhost, 127.0.0.0/8 or [::1]";

  private LoopbackUrl() {
  }

  /**
   * The URL, when it is an absolute http(s) URL on a loopback host without user-info or fragment.
   *
   * @throws IllegalArgumentException naming {@code what} and {@link #RULE} otherwise
   */
  public static URI require(String url, String what) {
    URI uri = parse(url);
    if (uri == null || !isLoopbackHost(uri.getHost())) {
      throw new IllegalArgumentException(what + ": " + RULE);
    }
    return uri;
  }

  public static boolean isLoopback(String url) {
    URI uri = parse(url);
    return uri != null && isLoopbackHost(uri.getHost());
  }

  private static URI parse(String url) {
    if (url == null || url.length() > 2048 || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
      return http && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code localhost}, a dotted 127.x.y.z literal, or the IPv6 loopback literal. */
  static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]")) {
      return true;
    }
    var m = IPV4.matcher(h);
    if (!m.matches() || !m.group(1).equals("127")) {
      return false;
    }
    for (int i = 2; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
