package io.github.authkitservlet.internal.session;

import java.util.Map;
import java.util.Objects;

/**
 * The WorkOS user stored in a session cookie. Field names follow WorkOS's API; timestamps are kept
 * as the ISO 8601 text WorkOS sent. Every field but {@code id} and {@code email} may be null.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public record SessionUser(
    String id,
    String email,
    boolean emailVerified,
    String firstName,
    String lastName,
    String profilePictureUrl,
    String lastSignInAt,
    String externalId,
    Map<String, String> metadata,
    String locale,
    String createdAt,
    String updatedAt) {

  /** Requires id and email; copies metadata (null becomes an empty map). */
  public SessionUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
