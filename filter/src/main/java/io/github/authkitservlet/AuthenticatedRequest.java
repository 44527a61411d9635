package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Caller;
import io.github.authkitservlet.internal.core.ContainerRoles;
import io.github.authkitservlet.internal.core.OrganizationDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it once AuthKit has found a caller: from the filter, or from
 * the Jakarta Authentication module (which hands it to the container as well, so that both agree).
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

  /** What {@link #getAuthType()} answers. */
  static final String AUTH_TYPE = "AUTHKIT";

  private final AuthKitPrincipal principal;
  private final ContainerRoles roles;

  private AuthenticatedRequest(HttpServletRequest request, AuthKitPrincipal principal, ContainerRoles roles) {
    super(request);
    this.principal = principal;
    this.roles = roles;
  }

  /**
   * The request with this caller, also as the request attribute
   * {@value AuthKitPrincipal#REQUEST_ATTRIBUTE}. A request an earlier AuthKit declaration already
   * wrapped for the same caller is passed on as it is.
   *
   * @param roles what {@link #isUserInRole} answers from ({@code workos.container-roles})
   * @param organizations where {@link AuthKitPrincipal#getOrganizations()} looks the user's up
   */
  static HttpServletRequest of(HttpServletRequest request, Caller caller, ContainerRoles roles,
      OrganizationDirectory organizations) {
    AuthenticatedRequest earlier = find(request);
    if (earlier != null && earlier.principal.isFrom(caller)) {
      return request;
    }
    AuthKitPrincipal principal = new AuthKitPrincipal(caller, organizations);
    request.setAttribute(AuthKitPrincipal.REQUEST_ATTRIBUTE, principal);
    return new AuthenticatedRequest(request, principal, roles);
  }

  /** The AuthKit wrapper inside {@code request}, if some declaration already wrapped it. */
  private static AuthenticatedRequest find(HttpServletRequest request) {
    HttpServletRequest current = request;
    // Bounded: wrappers nest a handful deep at most; a cycle would be a container bug.
    for (int depth = 0; depth < 32; depth++) {
      if (current instanceof AuthenticatedRequest ours) {
        return ours;
      }
      if (!(current instanceof HttpServletRequestWrapper wrapper) || !(wrapper.getRequest() instanceof HttpServletRequest inner)) {
        return null;
      }
      current = inner;
    }
    return null;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  /**
   * WorkOS roles and {@code permission:<slug>} (as {@code workos.container-roles} says); {@code "**"}
   * is the servlet spec's "any authenticated user".
   */
  @Override
  public boolean isUserInRole(String role) {
    return "**".equals(role) || roles.includes(principal.caller(), role);
  }

  @Override
  public String getAuthType() {
    return AUTH_TYPE;
  }
}
