package io.github.authkitservlet.emulator.data;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An application registered with WorkOS: its client id, API keys, the redirect URIs AuthKit may
 * send codes to, the logout return URLs it may send browsers to, its homepage, and its sign-in
 * endpoint ({@code initiateLoginUri}, null when it has none): where WorkOS sends a browser to start
 * a sign-in the application did not start itself, such as a dashboard impersonation.
 *
 * <p>URI patterns: an exact URI, or one with {@code *} as the port ({@code http://localhost:*})
 * and/or a trailing {@code /*} that matches any path and query below it.
 */
public record Client(String clientId, List<String> apiKeys, List<String> redirectUris, List<String> logoutUris,
    String homepage, String initiateLoginUri) {

  public Client {
    apiKeys = List.copyOf(apiKeys);
    redirectUris = List.copyOf(redirectUris);
    logoutUris = List.copyOf(logoutUris);
  }

  public boolean hasApiKey(String key) {
    return key != null && apiKeys.stream().anyMatch(k -> java.security.MessageDigest.isEqual(
        k.getBytes(java.nio.charset.StandardCharsets.UTF_8), key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  public boolean allowsRedirectUri(String uri) {
    return isCleanAbsoluteUri(uri) && redirectUris.stream().anyMatch(p -> matches(p, uri));
  }

  /** The first redirect URI without a wildcard: where WorkOS sends a code the application did not ask for. */
  public Optional<String> defaultRedirectUri() {
    return redirectUris.stream().filter(u -> !u.contains("*")).findFirst();
  }

  public boolean allowsLogoutUri(String uri) {
    return isCleanAbsoluteUri(uri) && (logoutUris.stream().anyMatch(p -> matches(p, uri)) || isLoopback(uri));
  }

  /** True for http(s) URLs on localhost / 127.0.0.1 / [::1]: a developer's own machine. */
  public static boolean isLoopback(String uri) {
    if (!isCleanAbsoluteUri(uri)) {
      return false;
    }
    URI parsed = URI.create(uri);
    String host = parsed.getHost().toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }

  /** An absolute http(s) URI with a host, no user-info and no fragment (as OAuth requires). */
  static boolean isCleanAbsoluteUri(String uri) {
    if (uri == null || uri.length() > 2048 || uri.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return false;
    }
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && parsed.getHost() != null
          && parsed.getRawUserInfo() == null
          && parsed.getRawFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static boolean matches(String pattern, String uri) {
    if (!pattern.contains("*")) {
      return pattern.equals(uri);
    }
    String regex = pattern;
    boolean anyPath = regex.endsWith("/*");
    if (anyPath) {
      regex = regex.substring(0, regex.length() - 2);
    }
    String[] parts = regex.split("\\*", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append("[0-9]{1,5}");
      }
      sb.append(Pattern.quote(parts[i]));
    }
    if (anyPath) {
      sb.append("(?:[/?][^#]*)?");
    }
    return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE).matcher(uri).matches();
  }
}
