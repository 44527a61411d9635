package io.github.authkitservlet.emulator.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An incoming request, already read: method, decoded path, query and body parameters, headers.
 * Body parameters come from JSON (what the SDKs send) or a form; both are flattened to strings.
 */
public final class Request {

  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Map<String, String> pathParams;
  private Map<String, String> bodyParams;
  /** The body as JSON, when it was a JSON object (for the few parameters that are arrays). */
  private JsonObject jsonBody;

  public Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
      Map<String, String> pathParams) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
    this.query = parseForm(rawQuery == null ? "" : rawQuery);
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    this.headers = lower;
    this.body = body;
    this.pathParams = pathParams;
  }

  Request withPathParams(Map<String, String> params) {
    Request r = new Request(method, path, null, headers, body, params);
    r.query.putAll(query);
    return r;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** First value of a query parameter, or empty when absent or blank. */
  public Optional<String> query(String name) {
    return first(query, name);
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** A cookie's value from the Cookie header, if the browser sent it. */
  public Optional<String> cookie(String name) {
    for (String header : headers.getOrDefault("cookie", List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          String value = pair.substring(eq + 1).trim();
          // RFC 6265 allows a quoted value, and java.net.CookieManager quotes every value it sends.
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  /** The bearer token of the Authorization header, if any. */
  public Optional<String> bearerToken() {
    return header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim());
  }

  /** A body parameter (JSON member or form field), or empty when absent, null or blank. */
  public Optional<String> param(String name) {
    String value = bodyParams().get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * A JSON body member that must be an array of strings, e.g. a webhook endpoint's {@code events};
   * empty when absent or null.
   *
   * @throws ApiException 422 when it is anything else
   */
  public Optional<List<String>> stringList(String name) {
    bodyParams();
    JsonValue value = jsonBody == null ? null : jsonBody.get(name);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof JsonString))) {
      throw ApiException.api(422, "invalid_request_parameters", name + " must be an array of strings.");
    }
    return Optional.of(array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
  }

  /** Every value of a query parameter, in order (e.g. {@code statuses=a&statuses=b}). */
  public List<String> queryAll(String name) {
    return List.copyOf(query.getOrDefault(name, List.of()));
  }

  public Map<String, String> bodyParams() {
    if (bodyParams == null) {
      bodyParams = parseBody();
    }
    return bodyParams;
  }

  private Map<String, String> parseBody() {
    String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8);
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, String> flat = new LinkedHashMap<>();
      parseForm(text).forEach((k, v) -> flat.put(k, v.get(0)));
      return flat;
    }
    if (text.isBlank()) {
      return Map.of();
    }
    // Anything else is read as JSON, as WorkOS does for SDK requests.
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonParsingException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    } catch (JsonException e) {
      throw ApiException.badRequest("The request body could not be read as JSON.");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    jsonBody = object;
    Map<String, String> flat = new LinkedHashMap<>();
    object.forEach((k, v) -> {
      switch (v.getValueType()) {
        case STRING -> flat.put(k, ((JsonString) v).getString());
        case NUMBER, TRUE, FALSE -> flat.put(k, v.toString());
        case NULL -> { }
        // Nested values keep their JSON text: only the control API reads them (a hook's body).
        default -> flat.put(k, v.toString());
      }
    });
    return flat;
  }

  private static Optional<String> first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }

  static Map<String, List<String>> parseForm(String text) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Malformed percent-encoding in the request.");
    }
  }
}
