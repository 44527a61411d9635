package io.github.authkitservlet.emulator.data;

import java.util.List;

/** A user's membership of an organization; {@code roles} holds role slugs, the first is the primary role. */
public record Membership(String userId, String organizationId, List<String> roles, String status) {

  public Membership {
    roles = List.copyOf(roles);
  }

  public boolean active() {
    return "active".equals(status);
  }
}
