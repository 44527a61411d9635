package io.github.authkitservlet.emulator.auth;

import static io.github.authkitservlet.emulator.http.JsonShapes.nullable;
import static io.github.authkitservlet.emulator.http.JsonShapes.nullableTimestamp;
import static io.github.authkitservlet.emulator.http.JsonShapes.timestamp;

import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Impersonator;
import io.github.authkitservlet.emulator.data.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** WorkOS's wire shapes (snake_case, every required key present, nulls written as null). */
final class WorkOSJson {

  private WorkOSJson() {
  }

  /** The {@code user} object ({@code UserlandUser} in WorkOS's OpenAPI spec). */
  static JsonObject user(User u) {
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    u.metadata().forEach(metadata::add);
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("object", "user")
        .add("id", u.id())
        .add("email", u.email())
        .add("email_verified", u.emailVerified());
    nullable(b, "first_name", u.firstName());
    nullable(b, "last_name", u.lastName());
    nullable(b, "name", u.fullName());
    nullable(b, "profile_picture_url", u.profilePictureUrl());
    nullableTimestamp(b, "last_sign_in_at", u.lastSignInAt());
    nullable(b, "external_id", u.externalId());
    b.add("metadata", metadata);
    nullable(b, "locale", u.locale());
    return b.add("created_at", timestamp(u.createdAt()))
        .add("updated_at", timestamp(u.updatedAt()))
        .build();
  }

  /** The {@code session} object, as the session list and the {@code session.*} events carry it. */
  static JsonObject session(AuthSession s, Instant now) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("object", "session")
        .add("id", s.id())
        .add("user_id", s.userId());
    nullable(b, "organization_id", s.organizationId());
    if (s.impersonator() != null) {
      // Only impersonated sessions carry the field at all, as in WorkOS's examples.
      b.add("impersonator", impersonator(s.impersonator()));
    }
    nullable(b, "ip_address", s.ipAddress());
    nullable(b, "user_agent", s.userAgent());
    b.add("auth_method", s.authMethod())
        .add("status", s.statusAt(now))
        .add("expires_at", timestamp(s.expiresAt()));
    nullableTimestamp(b, "ended_at", s.endedAt());
    return b.add("created_at", timestamp(s.createdAt()))
        .add("updated_at", timestamp(s.updatedAt()))
        .build();
  }

  static JsonObject impersonator(Impersonator i) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("email", i.email());
    nullable(b, "reason", i.reason());
    return b.build();
  }
}
