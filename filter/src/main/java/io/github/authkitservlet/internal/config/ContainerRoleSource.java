package io.github.authkitservlet.internal.config;

import java.util.Locale;

/**
 * What of a caller's WorkOS grants the servlet container sees as roles ({@code workos.container-roles}).
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public enum ContainerRoleSource {
  /** WorkOS role slugs, as they are ({@code admin}). */
  ROLES,
  /** WorkOS permissions, each as {@code permission:<slug>} ({@code permission:reports:read}). */
  PERMISSIONS;

  /** The source a setting names ({@code roles}, {@code permissions}), or null. */
  static ContainerRoleSource forName(String name) {
    for (ContainerRoleSource source : values()) {
      if (source.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return source;
      }
    }
    return null;
  }
}
