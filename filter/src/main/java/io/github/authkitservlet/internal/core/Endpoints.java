package io.github.authkitservlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the login, callback and logout servlets are mapped in this application, found through the
 * servlet registrations (by class), so users never repeat the paths in the filter's config and the
 * filter can never protect (and loop on) its own sign-in pages.
 *
 * @param loginPath the path the filter redirects to (application-relative, e.g. {@code /login})
 * @param paths every exact path the three servlets answer on (always public)
 * @param prefixes path prefixes of servlets mapped with {@code /x/*}
 */
record Endpoints(String loginPath, List<String> paths, List<String> prefixes) {

  static final String DEFAULT_LOGIN_PATH = "/login";

  Endpoints {
    paths = List.copyOf(paths);
    prefixes = List.copyOf(prefixes);
  }

  static Endpoints of(ServletContext context) {
    String login = null;
    String signUp = null;
    List<String> paths = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    Map<String, ? extends ServletRegistration> registrations;
    try {
      registrations = context.getServletRegistrations();
    } catch (UnsupportedOperationException e) {
      registrations = Map.of();
    }
    for (ServletRegistration registration : registrations.values()) {
      String className = registration.getClassName();
      boolean isLogin = AuthKitLoginServlet.class.getName().equals(className);
      boolean ours = isLogin
          || AuthKitCallbackServlet.class.getName().equals(className)
          || AuthKitLogoutServlet.class.getName().equals(className);
      if (!ours) {
        continue;
      }
      for (String mapping : registration.getMappings()) {
        String path = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : mapping;
        if (!path.startsWith("/")) {
          continue; // "*.ext" or "" mappings: nothing to redirect to
        }
        (mapping.endsWith("/*") ? prefixes : paths).add(path);
        if (isLogin && isSignUp(registration)) {
          signUp = signUp == null ? path : signUp;
        } else if (isLogin) {
          login = login == null ? path : login;
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
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSignUp(ServletRegistration registration) {
    return "sign-up".equals(registration.getInitParameter(AuthKitLoginServlet.SCREEN_HINT_PARAM));
  }
}
