package io.github.authkitservlet;

import java.util.Objects;

/**
 * One of the organizations the signed-in user belongs to, for an organization picker: see
 * {@link AuthKitPrincipal#getOrganizations()}. A class with getters rather than a record, so that
 * JSP/EL ({@code ${org.name}}) reads it on every container.
 *
 * <p>Immutable.
 */
public final class AuthKitOrganization {

  private final String id;
  private final String name;
  private final String role;
  private final boolean current;

  AuthKitOrganization(String id, String name, String role, boolean current) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = name;
    this.role = role;
    this.current = current;
  }

  /** The organization's WorkOS id ({@code org_…}): what the organization servlet takes. */
  public String getId() {
    return id;
  }

  /** The organization's name; its id when WorkOS did not say. */
  public String getName() {
    return name != null ? name : id;
  }

  /** The user's role there (e.g. {@code admin}), or null. */
  public String getRole() {
    return role;
  }

  /** Whether the session is in this organization now. */
  public boolean isCurrent() {
    return current;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthKitOrganization that && id.equals(that.id) && Objects.equals(name, that.name)
        && Objects.equals(role, that.role) && current == that.current;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, role, current);
  }

  @Override
  public String toString() {
    return "AuthKitOrganization[id=" + id + ", name=" + getName() + ", role=" + role + (current ? ", current" : "") + "]";
  }
}
