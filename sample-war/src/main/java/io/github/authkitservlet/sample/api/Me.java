package io.github.authkitservlet.sample.api;

import io.github.authkitservlet.AuthKitPrincipal;
import java.util.Collection;
import java.util.List;

/**
 * What {@code /api/me} tells a front end about the signed-in user. Deliberately no tokens: the
 * access token stays on the server, inside the sealed session cookie.
 */
public record Me(
    String id,
    String email,
    String firstName,
    String lastName,
    String name,
    String organizationId,
    String role,
    List<String> roles,
    List<String> permissions,
    boolean impersonated) {

  static Me of(AuthKitPrincipal user) {
    return new Me(
        user.getId(),
        user.getEmail(),
        user.getFirstName(),
        user.getLastName(),
        user.getDisplayName(),
        user.getOrganizationId(),
        user.getRole(),
        listOf(user.getRoles()),
        listOf(user.getPermissions()),
        user.isImpersonated());
  }

  private static List<String> listOf(Collection<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
