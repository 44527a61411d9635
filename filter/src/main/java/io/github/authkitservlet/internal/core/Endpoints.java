package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.web.PathPatterns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where AuthKit's own servlets (sign-in, sign-up, callback, sign-out, ...) are mapped in this
 * application, found by the adapter from the servlet registrations, so users never repeat the
 * paths in a filter's configuration and a filter can never protect (and loop on) its own sign-in
 * pages.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param loginPath the path signed-out browsers are sent to (application-relative, e.g. {@code /login})
 * @param paths every exact path the servlets answer on (always public)
 * @param prefixes path prefixes of servlets mapped with {@code /x/*}
 */
public record Endpoints(String loginPath, List<String> paths, List<String> prefixes) {

  static final String DEFAULT_LOGIN_PATH = "/login";

  public Endpoints {
    paths = List.copyOf(paths);
    prefixes = List.copyOf(prefixes);
  }

  /** What one of AuthKit's servlets is for. */
  public enum Kind { SIGN_IN, SIGN_UP, OTHER }

  /** One registration of an AuthKit servlet: its kind and its URL patterns. */
  public record Mapped(Kind kind, Collection<String> mappings) {}

  /**
   * The endpoints of these registrations: the first sign-in mapping is where signed-out browsers
   * go (a sign-up mapping when there is no plain sign-in), {@value #DEFAULT_LOGIN_PATH} when there
   * is neither.
   */
  public static Endpoints of(Collection<Mapped> servlets) {
    String login = null;
    String signUp = null;
    List<String> paths = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (Mapped servlet : servlets) {
      for (String mapping : servlet.mappings()) {
        boolean prefix = mapping.endsWith("/*");
        String path = prefix ? mapping.substring(0, mapping.length() - 2) : mapping;
        if (!path.startsWith("/")) {
          continue; // "*.ext" or "" mappings: nothing to redirect to
        }
        (prefix ? prefixes : paths).add(path);
        if (servlet.kind() == Kind.SIGN_UP && signUp == null) {
          signUp = path;
        } else if (servlet.kind() == Kind.SIGN_IN && login == null) {
          login = path;
        }
      }
    }
    String loginPath = login != null ? login : signUp != null ? signUp : DEFAULT_LOGIN_PATH;
    return new Endpoints(loginPath, paths, prefixes);
  }

  /** Whether a normalised application path is one of the servlets' own paths. */
  boolean isEndpoint(String path) {
    if (paths.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (PathPatterns.isAtOrUnder(path, prefix)) {
        return true;
      }
    }
    return false;
  }
}
