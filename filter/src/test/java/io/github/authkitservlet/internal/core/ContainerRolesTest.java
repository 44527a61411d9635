package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.internal.config.ContainerRoleSource;
import io.github.authkitservlet.internal.workos.ValidatedApiKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerRolesTest {

  static final Caller KEY = new Caller.ApiKey(new ValidatedApiKey("api_key_1", "Export", "organization", "org_1",
      "org_1", List.of("reports:read"), null));

  @Test
  void rolesAndPermissionsByDefault() {
    ContainerRoles roles = new ContainerRoles(EnumSet.allOf(ContainerRoleSource.class));
    assertEquals(List.of("permission:reports:read"), roles.of(KEY));
    assertTrue(roles.includes(KEY, "permission:reports:read"));
    assertFalse(roles.includes(KEY, "permission:reports"), "whole slugs only");
    assertFalse(roles.includes(KEY, "reports:read"), "a permission is not a role");
    assertFalse(roles.includes(KEY, null));
  }

  @Test
  void permissionsCanBeLeftOut() {
    ContainerRoles roles = new ContainerRoles(Set.of(ContainerRoleSource.ROLES));
    assertEquals(List.of(), roles.of(KEY));
    assertFalse(roles.includes(KEY, "permission:reports:read"));
  }
}
