package io.github.authkitservlet.emulator.auth;

import static io.github.authkitservlet.emulator.http.JsonShapes.nullableTimestamp;
import static io.github.authkitservlet.emulator.http.JsonShapes.timestamp;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.ApiKey;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.ApiKeyCheck;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api_keys/validations} with {@code {"value": "sk_…"}} and the application's API key:
 * {@code {"api_key": {…}}} for a customer's key that exists and has not expired, and
 * {@code {"api_key": null}} (still 200) for any other value, as WorkOS answers.
 */
public final class ApiKeyValidations {

  /** No real key is this long; a longer value is simply not a key. */
  private static final int MAX_VALUE_LENGTH = 256;

  private final Directory directory;
  private final Counters counters;

  public ApiKeyValidations(Directory directory, Counters counters) {
    this.directory = directory;
    this.counters = counters;
  }

  public Response validate(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    String value = r.param("value").orElseThrow(() -> ApiException.missingFields(List.of("value")));
    counters.increment("api_key_validation");
    Optional<ApiKey> key = value.length() > MAX_VALUE_LENGTH ? Optional.empty() : directory.useApiKey(value);
    JsonObjectBuilder body = Json.createObjectBuilder();
    if (key.isPresent()) {
      body.add("api_key", json(key.get()));
    } else {
      counters.increment("api_key_validation.rejected");
      body.addNull("api_key");
    }
    return Response.json(200, body.build());
  }

  /** WorkOS's {@code api_key} object; the value itself only ever appears obfuscated. */
  static JsonObject json(ApiKey k) {
    JsonObjectBuilder owner = Json.createObjectBuilder();
    if (k.userId() == null) {
      owner.add("type", "organization").add("id", k.organizationId());
    } else {
      owner.add("type", "user").add("id", k.userId()).add("organization_id", k.organizationId());
    }
    var permissions = Json.createArrayBuilder();
    k.permissions().forEach(permissions::add);
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("object", "api_key")
        .add("id", k.id())
        .add("owner", owner)
        .add("name", k.name())
        .add("obfuscated_value", obfuscated(k.value()));
    nullableTimestamp(b, "last_used_at", k.lastUsedAt());
    nullableTimestamp(b, "expires_at", k.expiresAt());
    return b.add("permissions", permissions)
        .add("created_at", timestamp(k.createdAt()))
        .add("updated_at", timestamp(k.updatedAt()))
        .build();
  }

  /** {@code sk_…kZL1}: the prefix, an ellipsis and the last four characters, as in WorkOS's examples. */
  static String obfuscated(String value) {
    return "sk_\u2026" + value.substring(Math.max(3, value.length() - 4));
  }
}
