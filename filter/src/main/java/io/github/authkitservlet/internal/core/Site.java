package io.github.authkitservlet.internal.core;

import java.util.Objects;

/**
 * Where the application lives: its context path as deployed and its AuthKit endpoints.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param contextPath {@code ""} for the root application, else {@code /name} (the application's
 *     own, never the request's spelling of it)
 * @param endpoints where AuthKit's servlets are mapped
 */
public record Site(String contextPath, Endpoints endpoints) {

  public Site {
    Objects.requireNonNull(contextPath, "contextPath");
    Objects.requireNonNull(endpoints, "endpoints");
  }

  /** The sign-in servlet's path, as a link from any page of the application. */
  public String loginHref() {
    return contextPath + endpoints.loginPath();
  }

  /** The application's root, as a link ({@code /} or {@code /name/}). */
  public String root() {
    return contextPath + "/";
  }

  /** The realm of {@code WWW-Authenticate}: the application's path. */
  String realm() {
    return contextPath.isEmpty() ? "/" : contextPath;
  }
}
