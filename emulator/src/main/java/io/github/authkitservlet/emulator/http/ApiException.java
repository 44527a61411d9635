package io.github.authkitservlet.emulator.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A failure answered in one of WorkOS's two error shapes: OAuth style
 * {@code {"error","error_description"}} for grant problems and {@code {"code","message"}} for
 * everything else. Messages never carry secrets (no codes, tokens or keys).
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonObject body;

  private ApiException(int status, JsonObject body, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** OAuth-style error, e.g. {@code invalid_grant}. */
  public static ApiException oauth(int status, String error, String description) {
    JsonObject body = Json.createObjectBuilder()
        .add("error", error)
        .add("error_description", description)
        .build();
    return new ApiException(status, body, error + ": " + description);
  }

  /** WorkOS API error, e.g. {@code entity_not_found}. */
  public static ApiException api(int status, String code, String message) {
    return new ApiException(status, apiBody(code, message).build(), code + ": " + message);
  }

  /** 422 with the per-field list WorkOS sends for validation failures. */
  public static ApiException missingFields(java.util.List<String> fields) {
    var errors = Json.createArrayBuilder();
    fields.forEach(f -> errors.add(Json.createObjectBuilder().add("field", f).add("code", f + "_required")));
    JsonObject body = apiBody("invalid_request_parameters", "Validation failed: " + String.join(", ", fields) + " required.")
        .add("errors", errors)
        .build();
    return new ApiException(422, body, "missing " + fields);
  }

  public static ApiException badRequest(String message) {
    return api(400, "invalid_request", message);
  }

  public static ApiException notFound(String message) {
    return api(404, "entity_not_found", message);
  }

  static JsonObjectBuilder apiBody(String code, String message) {
    return Json.createObjectBuilder().add("code", code).add("message", message);
  }

  public int status() {
    return status;
  }

  public JsonObject body() {
    return body;
  }

  public Response toResponse() {
    return Response.json(status, body);
  }
}
