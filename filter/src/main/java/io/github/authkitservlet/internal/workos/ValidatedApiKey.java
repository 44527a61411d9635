package io.github.authkitservlet.internal.workos;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's API key that WorkOS confirmed ({@code POST /api_keys/validations}): whose it is and
 * what it may do. Never holds the key's value.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param id the key's id ({@code api_key_…})
 * @param name the name its owner gave it
 * @param ownerType {@code organization} or {@code user}
 * @param ownerId the owning organization's or user's id
 * @param organizationId the organization the key acts in (the owner itself, or the user's)
 * @param permissions the permission slugs the key carries
 * @param expiresAt when the key stops working, or null when it never does
 */
public record ValidatedApiKey(String id, String name, String ownerType, String ownerId, String organizationId,
    List<String> permissions, Instant expiresAt) {

  public ValidatedApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerType, "ownerType");
    Objects.requireNonNull(ownerId, "ownerId");
    permissions = List.copyOf(permissions);
  }
}
