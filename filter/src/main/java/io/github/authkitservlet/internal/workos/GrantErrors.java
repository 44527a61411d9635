package io.github.authkitservlet.internal.workos;

import com.workos.common.exceptions.RateLimitException;
import com.workos.common.exceptions.TransportException;
import com.workos.common.exceptions.WorkOSException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;

/**
 * Sorts a failed WorkOS call into "never going to work" and "try again later".
 *
 * <p>Why by body: the SDK maps a 400 to {@code BadRequestException} but does not read the OAuth
 * style {@code {"error":"invalid_grant"}} body into its {@code code} field (it only reads
 * {@code code}), so the reason is only in the raw body.
 */
final class GrantErrors {

  /** When WorkOS gives no Retry-After, tell the browser to come back after this long. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  /** Error bodies are small; anything bigger is not worth parsing. */
  private static final int MAX_BODY_CHARS = 16 * 1024;

  private GrantErrors() {}

  static GrantResult classify(WorkOSException e) {
    if (e instanceof TransportException) {
      return new GrantResult.Transient("workos_unreachable", DEFAULT_RETRY_AFTER);
    }
    int status = e.status;
    if (e instanceof RateLimitException rateLimit) {
      Long seconds = rateLimit.retryAfterSeconds;
      Duration retryAfter =
          seconds != null && seconds > 0 ? Duration.ofSeconds(Math.min(seconds, 300)) : DEFAULT_RETRY_AFTER;
      return new GrantResult.Transient("workos_rate_limited", retryAfter);
    }
    if (status >= 500 || status == 408) {
      return new GrantResult.Transient("workos_unavailable_" + status, DEFAULT_RETRY_AFTER);
    }
    if (status == 401) {
      // Our API key was refused: nothing the user did, and signing them out would not help.
      return new GrantResult.Transient("workos_rejected_api_key", DEFAULT_RETRY_AFTER);
    }
    String code = errorCode(e.rawBody).or(() -> Optional.ofNullable(e.code)).orElse("http_" + status);
    return new GrantResult.Terminal(safeToken(code));
  }

  /** The {@code error} (OAuth shape) or {@code code} (WorkOS shape) member of an error body. */
  static Optional<String> errorCode(String body) {
    if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) {
      return Optional.empty();
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        return Optional.empty();
      }
      for (String member : new String[] {"error", "code"}) {
        if (object.get(member) instanceof JsonString text && !text.getString().isBlank()) {
          return Optional.of(text.getString());
        }
      }
      return Optional.empty();
    } catch (jakarta.json.JsonException e) {
      return Optional.empty();
    }
  }

  /** Error codes end up in logs and pages: keep them to a short, harmless alphabet. */
  private static String safeToken(String code) {
    String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "_");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }
}
