package io.github.authkitservlet.sample.api;

import io.github.authkitservlet.AuthKitPrincipal;
import java.util.Collection;
import java.util.List;

/**
 * What {@code /api/me} tells a front end (or a script with a bearer credential) about the caller.
 * Deliberately no tokens: the access token stays on the server, inside the sealed session cookie.
 * A caller with an access token has no profile (no email or names); a caller with an API key is
 * the key's owner (an organization), with the key's permissions and no role.
 */
public record Me(
    String credential,
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
        user.getCredentialType().name(),
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
