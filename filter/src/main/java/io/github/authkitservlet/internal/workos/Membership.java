package io.github.authkitservlet.internal.workos;

import java.util.Objects;

/**
 * A user's active membership of an organization, as WorkOS lists it.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param organizationId the organization ({@code org_…})
 * @param organizationName its name, or null when WorkOS did not say
 * @param role the user's role there (its slug), or null
 */
public record Membership(String organizationId, String organizationName, String role) {
  public Membership {
    Objects.requireNonNull(organizationId, "organizationId");
  }
}
