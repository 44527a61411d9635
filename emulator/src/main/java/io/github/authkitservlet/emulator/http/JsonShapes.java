package io.github.authkitservlet.emulator.http;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The two conventions every WorkOS object follows: millisecond UTC timestamps, and nulls written out. */
public final class JsonShapes {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JsonShapes() {
  }

  /** {@code 2026-01-01T12:00:00.000Z}, as WorkOS writes every {@code *_at}. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** Adds the value, or an explicit null: WorkOS sends nullable keys rather than leaving them out. */
  public static void nullable(JsonObjectBuilder b, String key, String value) {
    if (value == null) {
      b.addNull(key);
    } else {
      b.add(key, value);
    }
  }

  public static void nullableTimestamp(JsonObjectBuilder b, String key, Instant value) {
    nullable(b, key, value == null ? null : timestamp(value));
  }
}
