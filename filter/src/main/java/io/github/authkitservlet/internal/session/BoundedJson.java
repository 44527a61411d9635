package io.github.authkitservlet.internal.session;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Parses small JSON objects from sealed cookies with hard limits on size and nesting, so a
 * hostile (or buggy) payload costs little and never escapes as an exception.
 */
final class BoundedJson {

  /** Session payloads are a few KB; browsers drop cookies over 4 KB anyway. */
  static final int MAX_LENGTH = 32 * 1024;
  /** Our payloads nest three levels (session → user → metadata); leave some room. */
  static final int MAX_DEPTH = 16;

  private final JsonProvider provider;
  private final JsonParserFactory parsers;

  BoundedJson(JsonProvider provider) {
    this.provider = provider;
    // Parsson's own limits; other providers ignore unknown keys, and depthOk() covers them.
    this.parsers = provider.createParserFactory(Map.of(
        "org.eclipse.parsson.maxDepth", MAX_DEPTH,
        "org.eclipse.parsson.rejectDuplicateKeys", true));
  }

  JsonProvider provider() {
    return provider;
  }

  /** The object, or empty for anything else (too long, too deep, not JSON, not an object). */
  Optional<JsonObject> parseObject(String text) {
    if (text == null || text.length() > MAX_LENGTH || !depthOk(text)) {
      return Optional.empty();
    }
    try (JsonParser parser = parsers.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        return Optional.empty();
      }
      JsonObject object = parser.getObject();
      // JsonReader accepts trailing text after the value; a sealed payload never has any.
      return parser.hasNext() ? Optional.empty() : Optional.of(object);
    } catch (JsonException | IllegalStateException | IllegalArgumentException | java.util.NoSuchElementException e) {
      return Optional.empty();
    }
  }

  /** Counts bracket nesting outside strings before parsing, so deep input never reaches a parser. */
  static boolean depthOk(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          return false;
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return true;
  }

  /** Thrown by the typed getters when a field has the wrong JSON type. */
  static final class WrongType extends Exception {
    private static final long serialVersionUID = 1L;

    WrongType(String field) {
      super(field, null, false, false);
    }
  }

  /** A string field; null when absent or JSON null. */
  static String optString(JsonObject object, String... names) throws WrongType {
    JsonValue value = field(object, names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    throw new WrongType(names[0]);
  }

  /** A non-empty string field. */
  static String requiredString(JsonObject object, String... names) throws WrongType {
    String value = optString(object, names);
    if (value == null || value.isEmpty()) {
      throw new WrongType(names[0]);
    }
    return value;
  }

  /** A boolean field; false when absent or JSON null. */
  static boolean optBoolean(JsonObject object, String... names) throws WrongType {
    JsonValue value = field(object, names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL || value == JsonValue.FALSE) {
      return false;
    }
    if (value == JsonValue.TRUE || value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new WrongType(names[0]);
  }

  /** An object field; null when absent or JSON null. */
  static JsonObject optObject(JsonObject object, String... names) throws WrongType {
    JsonValue value = field(object, names);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() == JsonValue.ValueType.OBJECT) {
      return value.asJsonObject();
    }
    throw new WrongType(names[0]);
  }

  /** The first of the alternative names present (camelCase first, then snake_case). */
  private static JsonValue field(JsonObject object, String... names) {
    for (String name : names) {
      if (object.containsKey(name)) {
        return object.get(name);
      }
    }
    return null;
  }
}
