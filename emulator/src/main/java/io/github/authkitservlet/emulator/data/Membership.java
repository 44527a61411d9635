package io.github.authkitservlet.emulator.data;

import java.time.Instant;
import java.util.List;

/**
 * A user's membership of an organization ({@code om_…}); {@code roles} holds role slugs, the
 * first is the primary role. {@code status} is {@code active}, {@code inactive} or {@code pending}.
 */
public record Membership(String id, String userId, String organizationId, List<String> roles, String status,
    Instant createdAt, Instant updatedAt) {

  public Membership {
    roles = List.copyOf(roles);
  }

  public boolean active() {
    return "active".equals(status);
  }
}
