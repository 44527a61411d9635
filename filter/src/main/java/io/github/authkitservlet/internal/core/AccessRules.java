package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.web.PathPatterns;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rules of one declaration (one filter, say), parsed once at start-up from its init-params.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param publicPaths patterns that pass without a session
 * @param apiPaths patterns that always get status codes and JSON, never a redirect
 * @param rolesAllowed the user needs at least one of these roles (empty: any user)
 * @param permissionsRequired the user needs every one of these permissions
 * @param passCorsPreflights whether CORS preflights on protected paths reach the application
 *     (for applications that answer them themselves); by default they are refused with 403
 * @param bearer the bearer credentials ({@code Authorization: Bearer}) accepted on {@code apiPaths};
 *     by default WorkOS access tokens only
 */
public record AccessRules(PathPatterns publicPaths, PathPatterns apiPaths, Set<String> rolesAllowed,
    Set<String> permissionsRequired, boolean passCorsPreflights, Set<BearerKind> bearer) {

  public static final String PUBLIC_PATHS = "public-paths";
  public static final String API_PATHS = "api-paths";
  public static final String ROLES_ALLOWED = "roles-allowed";
  public static final String PERMISSIONS_REQUIRED = "permissions-required";
  public static final String CORS_PREFLIGHT = "cors-preflight";
  public static final String BEARER = "bearer";
  /** Every init-param these rules read. */
  public static final List<String> INIT_PARAMS =
      List.of(API_PATHS, BEARER, CORS_PREFLIGHT, PERMISSIONS_REQUIRED, PUBLIC_PATHS, ROLES_ALLOWED);

  public AccessRules {
    Objects.requireNonNull(publicPaths, "publicPaths");
    Objects.requireNonNull(apiPaths, "apiPaths");
    rolesAllowed = Set.copyOf(rolesAllowed);
    permissionsRequired = Set.copyOf(permissionsRequired);
    bearer = bearer.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bearer));
  }

  /** A problem with one init-param; the message says what is wrong, the caller names the component. */
  public static final class InvalidParam extends Exception {
    private static final long serialVersionUID = 1L;
    private final String param;

    InvalidParam(String param, String problem) {
      super(problem);
      this.param = param;
    }

    /** The init-param's name. */
    public String param() {
      return param;
    }
  }

  /**
   * Reads the rules from init-params (names and patterns separated by commas or whitespace).
   *
   * @throws InvalidParam for a malformed pattern or an unknown {@code cors-preflight} or
   *     {@code bearer} value
   */
  public static AccessRules parse(UnaryOperator<String> initParams) throws InvalidParam {
    return new AccessRules(
        patterns(PUBLIC_PATHS, initParams.apply(PUBLIC_PATHS)),
        patterns(API_PATHS, initParams.apply(API_PATHS)),
        names(initParams.apply(ROLES_ALLOWED)),
        names(initParams.apply(PERMISSIONS_REQUIRED)),
        passCorsPreflights(initParams.apply(CORS_PREFLIGHT)),
        bearer(initParams.apply(BEARER)));
  }

  /** Whether this caller satisfies roles-allowed and permissions-required. */
  boolean allows(Caller caller) {
    if (!rolesAllowed.isEmpty() && rolesAllowed.stream().noneMatch(caller.roles()::contains)) {
      return false;
    }
    return caller.permissions().containsAll(permissionsRequired);
  }

  /**
   * Whether the path needs no session. An exact or prefix pattern says so by itself; an extension
   * pattern ({@code *.css}) only where the container serves the request by extension or with its
   * default servlet, so that {@code /dashboard/x.css} cannot slip past into a protected servlet
   * mapped at {@code /dashboard/*}.
   */
  boolean isPublic(RequestFacts request, String path) {
    if (publicPaths.matchesExactOrPrefix(path)) {
      return true;
    }
    return publicPaths.matchesExtension(path) && request.servedByExtension().getAsBoolean();
  }

  private static PathPatterns patterns(String param, String value) throws InvalidParam {
    try {
      return PathPatterns.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new InvalidParam(param, e.getMessage());
    }
  }

  private static boolean passCorsPreflights(String value) throws InvalidParam {
    String choice = value == null || value.isBlank() ? "reject" : value.strip();
    return switch (choice) {
      case "reject" -> false;
      case "pass" -> true;
      default -> throw new InvalidParam(CORS_PREFLIGHT, "must be reject (the default: protected paths answer"
          + " CORS preflights with 403) or pass (your application answers them), got '" + choice + "'");
    };
  }

  /** {@code access-token} (the default), {@code api-key}, both, or {@code none}. */
  private static Set<BearerKind> bearer(String value) throws InvalidParam {
    if (value == null || value.isBlank()) {
      return Set.of(BearerKind.ACCESS_TOKEN);
    }
    Set<String> words = names(value);
    if (words.equals(Set.of("none"))) {
      return Set.of();
    }
    Set<BearerKind> kinds = EnumSet.noneOf(BearerKind.class);
    for (String word : words) {
      switch (word) {
        case "access-token" -> kinds.add(BearerKind.ACCESS_TOKEN);
        case "api-key" -> kinds.add(BearerKind.API_KEY);
        default -> throw new InvalidParam(BEARER, "must list access-token (WorkOS access tokens, the default),"
            + " api-key (your customers' WorkOS API keys), both, or none, got '" + value.strip() + "'");
      }
    }
    return kinds;
  }

  private static Set<String> names(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>(Arrays.asList(PathPatterns.split(value)));
    names.remove("");
    return names;
  }
}
