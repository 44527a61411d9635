package io.github.authkitservlet.emulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a JSON body against the WorkOS OpenAPI shapes in {@code workos-openapi-shapes.json}:
 * required keys present, no keys the spec does not define, each value of the declared type.
 */
final class OpenApiShapes {

  private final JsonObject schemas;

  OpenApiShapes() {
    try (InputStream in = OpenApiShapes.class.getResourceAsStream("/workos-openapi-shapes.json");
        var reader = Json.createReader(in)) {
      schemas = reader.readObject();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every deviation of {@code value} from schema {@code name}; empty when it conforms. */
  List<String> problems(String name, JsonValue value) {
    List<String> problems = new ArrayList<>();
    check(name, value, name, problems);
    return problems;
  }

  private void check(String schemaName, JsonValue value, String at, List<String> problems) {
    JsonObject schema = schemas.getJsonObject(schemaName);
    if (!(value instanceof JsonObject object)) {
      problems.add(at + ": expected an object");
      return;
    }
    JsonObject properties = schema.getJsonObject("properties");
    for (JsonValue required : schema.getJsonArray("required")) {
      String key = ((JsonString) required).getString();
      if (!object.containsKey(key)) {
        problems.add(at + "." + key + ": required but missing");
      }
    }
    for (var entry : object.entrySet()) {
      if (!properties.containsKey(entry.getKey())) {
        problems.add(at + "." + entry.getKey() + ": not defined by the spec");
        continue;
      }
      checkType(properties.getString(entry.getKey()), entry.getValue(), at + "." + entry.getKey(), problems);
    }
  }

  private void checkType(String declared, JsonValue v, String at, List<String> problems) {
    if (declared.endsWith("|null") && v == JsonValue.NULL) {
      return;
    }
    String type = declared.endsWith("|null") ? declared.substring(0, declared.length() - 5) : declared;
    boolean ok = true;
    if (type.startsWith("$")) {
      check(type.substring(1), v, at, problems);
    } else if (type.startsWith("array:")) {
      if (v instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          checkType(type.substring(6), array.get(i), at + "[" + i + "]", problems);
        }
      } else {
        ok = false;
      }
    } else if (type.startsWith("map:")) {
      if (v instanceof JsonObject map) {
        map.forEach((k, item) -> checkType(type.substring(4), item, at + "." + k, problems));
      } else {
        ok = false;
      }
    } else if (type.startsWith("const:")) {
      ok = v instanceof JsonString s && s.getString().equals(type.substring(6));
    } else if (type.startsWith("enum:")) {
      ok = v instanceof JsonString s && Arrays.asList(type.substring(5).split(",")).contains(s.getString());
    } else {
      ok = switch (type) {
        case "string" -> v instanceof JsonString;
        case "boolean" -> v == JsonValue.TRUE || v == JsonValue.FALSE;
        case "object" -> v instanceof JsonObject;
        case "date-time" -> v instanceof JsonString s && isDateTime(s.getString());
        default -> throw new IllegalArgumentException("unknown type in shapes file: " + type);
      };
    }
    if (!ok) {
      problems.add(at + ": expected " + type + ", got " + v);
    }
  }

  private static boolean isDateTime(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
