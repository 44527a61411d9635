package io.github.authkitservlet.emulator.auth;

import static io.github.authkitservlet.emulator.http.JsonShapes.nullable;
import static io.github.authkitservlet.emulator.http.JsonShapes.nullableTimestamp;
import static io.github.authkitservlet.emulator.http.JsonShapes.timestamp;

import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Impersonator;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.Organization;
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
    b.add("metadata", Json.createObjectBuilder(u.metadata()));
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

  /**
   * The {@code organization} object. The emulator keeps no domains; {@code stripe_customer_id}
   * is left out as WorkOS leaves it out when there is none.
   */
  static JsonObject organization(Organization o) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("object", "organization")
        .add("id", o.id())
        .add("name", o.name())
        .add("allow_profiles_outside_organization", false)
        .add("domains", Json.createArrayBuilder());
    nullable(b, "external_id", o.externalId());
    return b.add("metadata", Json.createObjectBuilder(o.metadata()))
        .add("created_at", timestamp(o.createdAt()))
        .add("updated_at", timestamp(o.updatedAt()))
        .build();
  }

  /** The {@code organization_membership} object, with the organization's name and the member. */
  static JsonObject membership(Membership m, Organization org, User user) {
    var roles = Json.createArrayBuilder();
    m.roles().forEach(slug -> roles.add(Json.createObjectBuilder().add("slug", slug)));
    return Json.createObjectBuilder()
        .add("object", "organization_membership")
        .add("id", m.id())
        .add("user_id", m.userId())
        .add("organization_id", m.organizationId())
        .add("organization_name", org.name())
        .add("status", m.status())
        .add("role", Json.createObjectBuilder().add("slug", m.roles().get(0)))
        .add("roles", roles)
        .add("directory_managed", false)
        .add("custom_attributes", Json.createObjectBuilder())
        .add("user", user(user))
        .add("created_at", timestamp(m.createdAt()))
        .add("updated_at", timestamp(m.updatedAt()))
        .build();
  }

  static JsonObject impersonator(Impersonator i) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("email", i.email());
    nullable(b, "reason", i.reason());
    return b.build();
  }
}
