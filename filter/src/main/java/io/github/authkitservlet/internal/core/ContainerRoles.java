package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.config.ContainerRoleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The roles the servlet container sees for a caller ({@code isUserInRole}, {@code <auth-constraint>},
 * {@code @RolesAllowed}), the same whether the filter or the Jakarta Authentication module found it:
 * WorkOS role slugs as they are, and WorkOS permissions as {@code permission:<slug>}, as
 * {@code workos.container-roles} says. Role slugs never contain a colon, so the two cannot collide.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class ContainerRoles {

  /** What a permission becomes: {@code permission:reports:read}. */
  public static final String PERMISSION_PREFIX = "permission:";

  private final boolean roles;
  private final boolean permissions;

  public ContainerRoles(Set<ContainerRoleSource> sources) {
    this.roles = sources.contains(ContainerRoleSource.ROLES);
    this.permissions = sources.contains(ContainerRoleSource.PERMISSIONS);
  }

  /** The caller's container roles, in order: roles, then permissions. */
  public List<String> of(Caller caller) {
    List<String> all = new ArrayList<>();
    if (roles) {
      all.addAll(caller.roles());
    }
    if (permissions) {
      for (String permission : caller.permissions()) {
        all.add(PERMISSION_PREFIX + permission);
      }
    }
    return all;
  }

  /** Whether the caller has this container role. */
  public boolean includes(Caller caller, String role) {
    if (role == null) {
      return false;
    }
    if (permissions && role.startsWith(PERMISSION_PREFIX)) {
      return caller.permissions().contains(role.substring(PERMISSION_PREFIX.length()));
    }
    return roles && caller.roles().contains(role);
  }
}
