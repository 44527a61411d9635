package io.github.authkitservlet.internal.session;

import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import static io.github.authkitservlet.internal.session.BoundedJson.optBoolean;
import static io.github.authkitservlet.internal.session.BoundedJson.optObject;
import static io.github.authkitservlet.internal.session.BoundedJson.optString;
import static io.github.authkitservlet.internal.session.BoundedJson.requiredString;

import io.github.authkitservlet.internal.session.BoundedJson.WrongType;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps {@link SessionData} to and from the JSON inside a session cookie.
 *
 * <p>Reads both shapes found in the wild: the Node SDK's (camelCase everywhere, with
 * {@code organizationId}) and the Java SDK's (camelCase top level, but a snake_case {@code user}
 * as WorkOS's API sends it). Writes the Node SDK's shape, which the Node SDK's
 * {@code getSessionFromCookie} and authkit-nextjs read as-is.
 */
final class SessionJson {

  private final BoundedJson json;

  SessionJson(BoundedJson json) {
    this.json = json;
  }

  /** The session, or empty when the text is not a session payload of the right shape. */
  Optional<SessionData> read(String text) {
    Optional<JsonObject> parsed = json.parseObject(text);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    JsonObject root = parsed.get();
    try {
      String accessToken = requiredString(root, "accessToken");
      String refreshToken = requiredString(root, "refreshToken");
      JsonObject userJson = optObject(root, "user");
      SessionUser user = userJson == null ? null : readUser(userJson);
      String organizationId = optString(root, "organizationId");
      String method = optString(root, "authenticationMethod");
      JsonObject impersonatorJson = optObject(root, "impersonator");
      Impersonator impersonator = impersonatorJson == null
          ? null
          : new Impersonator(requiredString(impersonatorJson, "email"), optString(impersonatorJson, "reason"));
      return Optional.of(new SessionData(accessToken, refreshToken, user, organizationId, method, impersonator));
    } catch (WrongType e) {
      return Optional.empty();
    }
  }

  private static SessionUser readUser(JsonObject u) throws WrongType {
    JsonObject metadataJson = optObject(u, "metadata");
    Map<String, String> metadata = new LinkedHashMap<>();
    if (metadataJson != null) {
      for (Map.Entry<String, JsonValue> entry : metadataJson.entrySet()) {
        if (!(entry.getValue() instanceof JsonString s)) {
          throw new WrongType("metadata");
        }
        metadata.put(entry.getKey(), s.getString());
      }
    }
    return new SessionUser(
        requiredString(u, "id"),
        requiredString(u, "email"),
        optBoolean(u, "emailVerified", "email_verified"),
        optString(u, "firstName", "first_name"),
        optString(u, "lastName", "last_name"),
        optString(u, "profilePictureUrl", "profile_picture_url"),
        optString(u, "lastSignInAt", "last_sign_in_at"),
        optString(u, "externalId", "external_id"),
        metadata,
        optString(u, "locale"),
        optString(u, "createdAt", "created_at"),
        optString(u, "updatedAt", "updated_at"));
  }

  /** The Node SDK's shape: camelCase, absent optional top-level fields omitted, user fields always present. */
  String write(SessionData session) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = json.provider().createGenerator(out)) {
      g.writeStartObject();
      g.write("accessToken", session.accessToken());
      g.write("refreshToken", session.refreshToken());
      if (session.user() != null) {
        writeUser(g, session.user());
      }
      writeIfPresent(g, "organizationId", session.organizationId());
      writeIfPresent(g, "authenticationMethod", session.authenticationMethod());
      if (session.impersonator() != null) {
        g.writeStartObject("impersonator");
        g.write("email", session.impersonator().email());
        writeNullable(g, "reason", session.impersonator().reason());
        g.writeEnd();
      }
      g.writeEnd();
    }
    return out.toString();
  }

  private static void writeUser(JsonGenerator g, SessionUser user) {
    g.writeStartObject("user");
    g.write("object", "user");
    g.write("id", user.id());
    g.write("email", user.email());
    g.write("emailVerified", user.emailVerified());
    writeNullable(g, "firstName", user.firstName());
    writeNullable(g, "lastName", user.lastName());
    writeNullable(g, "profilePictureUrl", user.profilePictureUrl());
    writeNullable(g, "lastSignInAt", user.lastSignInAt());
    writeNullable(g, "externalId", user.externalId());
    g.writeStartObject("metadata");
    user.metadata().forEach(g::write);
    g.writeEnd();
    writeNullable(g, "locale", user.locale());
    writeNullable(g, "createdAt", user.createdAt());
    writeNullable(g, "updatedAt", user.updatedAt());
    g.writeEnd();
  }

  private static void writeNullable(JsonGenerator g, String name, String value) {
    if (value == null) {
      g.writeNull(name);
    } else {
      g.write(name, value);
    }
  }

  private static void writeIfPresent(JsonGenerator g, String name, String value) {
    if (value != null) {
      g.write(name, value);
    }
  }
}
