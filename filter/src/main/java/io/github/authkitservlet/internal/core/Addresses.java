package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.web.Origins;

/**
 * The absolute addresses AuthKit hands to WorkOS and browsers, built from the configuration: the
 * application's origin is that of an absolute {@code workos.redirect-uri}. Only with a path
 * redirect URI does it come from the request (as the container resolved it: the {@code Host}
 * header, unless a proxy valve rewrote it), which is why an absolute redirect URI is what
 * production should use.
 */
final class Addresses {

  private final AuthKitConfig config;
  private final String configuredOrigin;

  Addresses(AuthKitConfig config) {
    this.config = config;
    this.configuredOrigin = config.redirectUriIsPath() ? null : Origins.of(config.redirectUri()).orElse(null);
  }

  /** The origin the application lives on. */
  String applicationOrigin(String requestOrigin) {
    return configuredOrigin != null ? configuredOrigin : requestOrigin;
  }

  /** An absolute URL as is, or a path ({@code /...}) on the application's origin. */
  String absolute(String requestOrigin, String urlOrPath) {
    return urlOrPath.startsWith("/") ? applicationOrigin(requestOrigin) + urlOrPath : urlOrPath;
  }

  /** The callback URL WorkOS sends the browser back to. */
  String redirectUri(String requestOrigin) {
    return absolute(requestOrigin, config.redirectUri());
  }

  /** Where WorkOS's logout page sends the browser: the configured URL, else the application's root. */
  String logoutReturn(String requestOrigin, Site site) {
    return config.logoutReturnUri()
        .map(uri -> absolute(requestOrigin, uri))
        .orElseGet(() -> applicationOrigin(requestOrigin) + site.root());
  }
}
