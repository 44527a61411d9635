package io.github.authkitservlet;

import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.core.OrganizationDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it once AuthKit has found a signed-in user. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

  /** What {@link #getAuthType()} answers. */
  static final String AUTH_TYPE = "AUTHKIT";

  private final AuthKitPrincipal principal;

  private AuthenticatedRequest(HttpServletRequest request, AuthKitPrincipal principal) {
    super(request);
    this.principal = principal;
  }

  /**
   * The request with this session's user, also as the request attribute
   * {@value AuthKitPrincipal#REQUEST_ATTRIBUTE}. A request an earlier AuthKit declaration already
   * wrapped for the same session is passed on as it is.
   */
  static HttpServletRequest of(HttpServletRequest request, ResolvedSession session, OrganizationDirectory organizations) {
    if (request instanceof AuthenticatedRequest wrapped && wrapped.principal.isFrom(session)) {
      return request;
    }
    AuthKitPrincipal principal = new AuthKitPrincipal(session, organizations);
    request.setAttribute(AuthKitPrincipal.REQUEST_ATTRIBUTE, principal);
    return new AuthenticatedRequest(request, principal);
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
