package io.github.authkitservlet.emulator.data;

import java.time.Instant;
import java.util.List;

/**
 * An API key that one of the application's customers created (WorkOS's "API keys" feature), not
 * the application's own key: the application validates it with {@code POST /api_keys/validations}.
 * It belongs to an organization, or to a user within one ({@code userId} set). {@code expiresAt}
 * is null for a key that never expires.
 */
public record ApiKey(String id, String name, String value, String organizationId, String userId,
    List<String> permissions, Instant expiresAt, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {

  public ApiKey {
    permissions = List.copyOf(permissions);
  }

  public boolean validAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  public ApiKey usedAt(Instant now) {
    return new ApiKey(id, name, value, organizationId, userId, permissions, expiresAt, now, createdAt, updatedAt);
  }
}
