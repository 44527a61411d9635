package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.web.Origins;
import io.github.authkitservlet.internal.web.ReturnPaths;
import java.util.List;
import java.util.Optional;

/**
 * The absolute addresses AuthKit hands to WorkOS and browsers, built from the configuration. The
 * application's origin is that of the {@code workos.redirect-uri} chosen for the request: of several,
 * the one on the request's origin as the container resolved it (after a proxy valve or scheme
 * mapping), else the first; so a request names a host only by matching a configured one, and the
 * {@code Host} header never goes into an address. Only a path redirect URI takes its origin from the
 * request itself, which is why absolute redirect URIs are what production should use.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class Addresses {

  /** A configured absolute redirect URI and its origin. */
  private record Registered(String uri, String origin) {}

  private final AuthKitConfig config;
  /** The absolute redirect URIs, in the configured order; empty for a path redirect URI. */
  private final List<Registered> registered;

  Addresses(AuthKitConfig config) {
    this.config = config;
    this.registered = config.redirectUriIsPath() ? List.of() : config.redirectUris().stream()
        .map(uri -> new Registered(uri, Origins.of(uri).orElseThrow()))
        .toList();
  }

  /** The callback URL WorkOS sends the browser back to, for a request on {@code requestOrigin}. */
  String redirectUri(String requestOrigin) {
    return chosen(requestOrigin).map(Registered::uri).orElseGet(() -> requestOrigin + config.redirectUri());
  }

  /** The origin the application lives on, for a request on {@code requestOrigin}. */
  String applicationOrigin(String requestOrigin) {
    return chosen(requestOrigin).map(Registered::origin).orElse(requestOrigin);
  }

  /**
   * Whether the redirect URI chosen for a request on {@code requestOrigin} is https: then the
   * application is served over https there, whatever the request looked like on its way in.
   */
  public boolean servesOverHttps(String requestOrigin) {
    return chosen(requestOrigin).map(r -> r.origin().startsWith("https:")).orElse(false);
  }

  /** An absolute URL as is, or a path ({@code /...}) on the application's origin. */
  String absolute(String requestOrigin, String urlOrPath) {
    return urlOrPath.startsWith("/") ? applicationOrigin(requestOrigin) + urlOrPath : urlOrPath;
  }

  /**
   * The sign-out destination a request may ask for: a path inside the application (as safe as a
   * sign-in's return path), or an absolute URL listed in {@code workos.logout-return-uris}, exactly.
   * Empty for anything else, which gets the default.
   */
  Optional<String> acceptedLogoutReturn(String requested) {
    if (requested == null || requested.isEmpty()) {
      return Optional.empty();
    }
    if (requested.startsWith("/")) {
      return ReturnPaths.isSafe(requested) ? Optional.of(requested) : Optional.empty();
    }
    return config.logoutReturnUris().contains(requested) ? Optional.of(requested) : Optional.empty();
  }

  /**
   * Where WorkOS's logout page sends the browser: what the request asked for and {@link
   * #acceptedLogoutReturn} accepted, else the configured URL, else the application's root.
   */
  String logoutReturn(String requestOrigin, Site site, Optional<String> accepted) {
    if (accepted.isPresent()) {
      String to = accepted.get();
      return to.startsWith("/") ? applicationOrigin(requestOrigin) + site.contextPath() + to : to;
    }
    return config.logoutReturnUri()
        .map(uri -> absolute(requestOrigin, uri))
        .orElseGet(() -> applicationOrigin(requestOrigin) + site.root());
  }

  private Optional<Registered> chosen(String requestOrigin) {
    if (registered.isEmpty()) {
      return Optional.empty();
    }
    for (Registered candidate : registered) {
      if (candidate.origin().equals(requestOrigin)) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(registered.get(0));
  }
}
