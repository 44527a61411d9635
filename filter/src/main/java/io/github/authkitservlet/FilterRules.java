package io.github.authkitservlet;

import io.github.authkitservlet.internal.http.ErrorPage;
import io.github.authkitservlet.internal.web.PathPatterns;
import jakarta.servlet.ServletException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One filter declaration's rules, parsed once at start-up from its init-params.
 *
 * @param publicPaths patterns that pass without a session
 * @param apiPaths patterns that always get status codes and JSON, never a redirect
 * @param rolesAllowed the user needs at least one of these roles (empty: any user)
 * @param permissionsRequired the user needs every one of these permissions
 * @param passCorsPreflights whether CORS preflights on protected paths reach the application
 *     (for applications that answer them themselves); by default they are refused with 403
 */
record FilterRules(PathPatterns publicPaths, PathPatterns apiPaths, Set<String> rolesAllowed,
    Set<String> permissionsRequired, boolean passCorsPreflights) {

  static final String PUBLIC_PATHS = "public-paths";
  static final String API_PATHS = "api-paths";
  static final String ROLES_ALLOWED = "roles-allowed";
  static final String PERMISSIONS_REQUIRED = "permissions-required";
  static final String CORS_PREFLIGHT = "cors-preflight";
  static final List<String> KNOWN = List.of(API_PATHS, CORS_PREFLIGHT, PERMISSIONS_REQUIRED, PUBLIC_PATHS, ROLES_ALLOWED);

  FilterRules {
    rolesAllowed = Set.copyOf(rolesAllowed);
    permissionsRequired = Set.copyOf(permissionsRequired);
  }

  static FilterRules parse(String filterName, Function<String, String> initParams) throws ServletException {
    return new FilterRules(
        patterns(filterName, PUBLIC_PATHS, initParams.apply(PUBLIC_PATHS)),
        patterns(filterName, API_PATHS, initParams.apply(API_PATHS)),
        names(initParams.apply(ROLES_ALLOWED)),
        names(initParams.apply(PERMISSIONS_REQUIRED)),
        passCorsPreflights(filterName, initParams.apply(CORS_PREFLIGHT)));
  }

  private static boolean passCorsPreflights(String filterName, String value) throws ServletException {
    String choice = value == null || value.isBlank() ? "reject" : value.strip();
    return switch (choice) {
      case "reject" -> false;
      case "pass" -> true;
      default -> throw new ServletException("init-param '" + CORS_PREFLIGHT + "' on filter '" + filterName
          + "' must be reject (the default: protected paths answer CORS preflights with 403) or pass"
          + " (your application answers them), got '" + ErrorPage.escape(choice) + "'");
    };
  }

  /** Whether the principal satisfies roles-allowed and permissions-required. */
  boolean allows(AuthKitPrincipal principal) {
    if (!rolesAllowed.isEmpty() && rolesAllowed.stream().noneMatch(principal::hasRole)) {
      return false;
    }
    return permissionsRequired.stream().allMatch(principal::hasPermission);
  }

  private static PathPatterns patterns(String filterName, String param, String value) throws ServletException {
    try {
      return PathPatterns.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new ServletException("init-param '" + param + "' on filter '" + filterName + "': " + e.getMessage(), e);
    }
  }

  private static Set<String> names(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>(Arrays.asList(value.trim().split("[,\\s]+")));
    names.remove("");
    return names;
  }
}
