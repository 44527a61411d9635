package io.github.authkitservlet.emulator.data;

import java.time.Instant;
import java.util.Map;

/** A user as WorkOS stores it; {@code password} is never serialised. */
public record User(String id, String email, String password, String firstName, String lastName,
    boolean emailVerified, String profilePictureUrl, String externalId, Map<String, String> metadata,
    String locale, Impersonator impersonator, Instant createdAt, Instant updatedAt, Instant lastSignInAt) {

  public User {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public User signedInAt(Instant when) {
    return new User(id, email, password, firstName, lastName, emailVerified, profilePictureUrl, externalId, metadata,
        locale, impersonator, createdAt, updatedAt, when);
  }

  /** First and last name, or null when neither is set. */
  public String fullName() {
    String joined = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    return joined.isEmpty() ? null : joined;
  }
}
