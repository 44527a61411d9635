package io.github.authkitservlet.internal.session;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Node-SDK-sealed vectors of {@code shared/test-vectors/session-cookies.json}. The shared file
 * is preferred when it can be found next to (or inside) the repository; the module keeps a copy in
 * {@code src/test/resources/test-vectors/} so a clean clone builds without it.
 */
final class TestVectors {

  static final String FILE = "session-cookies.json";

  private final JsonObject root;

  private TestVectors(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      this.root = reader.readObject();
    }
  }

  static TestVectors load() throws IOException {
    Optional<Path> shared = sharedFile();
    if (shared.isPresent()) {
      return new TestVectors(Files.readString(shared.get()));
    }
    return new TestVectors(bundledCopy());
  }

  /** Walks up from the module directory looking for shared/test-vectors, inside or beside the repo. */
  static Optional<Path> sharedFile() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("test-vectors").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static String bundledCopy() throws IOException {
    try (InputStream in = TestVectors.class.getResourceAsStream("/test-vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("test resource /test-vectors/" + FILE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  Map<String, String> passwords() {
    JsonObject p = root.getJsonObject("passwords");
    return Map.of("1", p.getString("1"), "2", p.getString("2"));
  }

  String password(String id) {
    return root.getJsonObject("passwords").getString(id);
  }

  JsonObject payload() {
    return root.getJsonObject("payload");
  }

  String sealed(String name) {
    return root.getJsonArray("vectors").getValuesAs(JsonObject.class).stream()
        .filter(v -> v.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vector " + name))
        .getString("sealed");
  }

  static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
