package io.github.authkitservlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it once AuthKit has found a signed-in user. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

  /** What {@link #getAuthType()} answers. */
  static final String AUTH_TYPE = "AUTHKIT";

  private final AuthKitPrincipal principal;

  AuthenticatedRequest(HttpServletRequest request, AuthKitPrincipal principal) {
    super(request);
    this.principal = principal;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  /** WorkOS roles; {@code "**"} is the servlet spec's "any authenticated user". */
  @Override
  public boolean isUserInRole(String role) {
    return "**".equals(role) || principal.hasRole(role);
  }

  @Override
  public String getAuthType() {
    return AUTH_TYPE;
  }
}
