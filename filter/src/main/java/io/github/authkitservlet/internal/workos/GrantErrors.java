package io.github.authkitservlet.internal.workos;

import com.workos.common.exceptions.RateLimitException;
import com.workos.common.exceptions.TransportException;
import com.workos.common.exceptions.WorkOSException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Sorts a failed WorkOS call into a {@link FailureReason}: "never going to work" or "try again
 * later", and why.
 *
 * <p>Why by body: the SDK maps a 400 to {@code BadRequestException} but does not read the OAuth
 * style {@code {"error":"invalid_grant"}} body into its {@code code} field (it only reads
 * {@code code}), so the reason is only in the raw body.
 */
final class GrantErrors {

  /** Error bodies are small; anything bigger is not worth parsing. */
  private static final int MAX_BODY_CHARS = 16 * 1024;

  private GrantErrors() {}

  /** What a WorkOS error means: the one place a WorkOS answer becomes a {@link Failure}. */
  static Failure classify(WorkOSException e) {
    if (e instanceof TransportException) {
      return Failure.of(FailureReason.UNREACHABLE);
    }
    int status = e.status;
    if (e instanceof RateLimitException rateLimit) {
      Long seconds = rateLimit.retryAfterSeconds;
      Duration retryAfter =
          seconds != null && seconds > 0 ? Duration.ofSeconds(Math.min(seconds, 300)) : Failure.DEFAULT_RETRY_AFTER;
      return Failure.of(FailureReason.RATE_LIMITED, retryAfter);
    }
    if (status >= 500 || status == 408) {
      return new Failure(FailureReason.UNAVAILABLE, FailureReason.UNAVAILABLE.code() + "_" + status,
          Failure.DEFAULT_RETRY_AFTER);
    }
    if (status == 401) {
      // Our API key was refused: nothing the user did, and signing them out would not help.
      return Failure.of(FailureReason.REJECTED_API_KEY);
    }
    String code = errorCode(e.rawBody).or(() -> Optional.ofNullable(e.code)).orElse("http_" + status);
    return new Failure(FailureReason.REFUSED, safeToken(code), Failure.DEFAULT_RETRY_AFTER,
        redirectUrl(e.rawBody).orElse(null));
  }

  /** The {@code error} (OAuth shape) or {@code code} (WorkOS shape) member of an error body. */
  static Optional<String> errorCode(String body) {
    Optional<JsonObject> object = object(body);
    for (String member : new String[] {"error", "code"}) {
      Optional<String> text = object.flatMap(o -> string(o, member));
      if (text.isPresent()) {
        return text;
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code authkit_redirect_url} of an error body, when it is an absolute http(s) URL: where
   * WorkOS wants the user to go to finish what it needs (SSO, MFA enrolment).
   */
  static Optional<String> redirectUrl(String body) {
    return object(body).flatMap(o -> string(o, "authkit_redirect_url")).filter(GrantErrors::isPlainHttpUrl);
  }

  private static Optional<JsonObject> object(String body) {
    if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) {
      return Optional.empty();
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    } catch (jakarta.json.JsonException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> string(JsonObject object, String member) {
    return object.get(member) instanceof JsonString text && !text.getString().isBlank()
        ? Optional.of(text.getString()) : Optional.empty();
  }

  private static boolean isPlainHttpUrl(String url) {
    if (url.length() > 4096 || url.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Error codes end up in logs and pages: keep them to a short, harmless alphabet. */
  private static String safeToken(String code) {
    String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "_");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }
}
