package io.github.authkitservlet.internal.session;

import io.github.authkitservlet.internal.session.BoundedJson.WrongType;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals and unseals the login flow cookie ({@link FlowState}) that carries the OAuth state, the
 * PKCE code verifier, the return path and the application's own state from the login servlet to the
 * callback.
 *
 * <p>A flow lives {@link #TTL} (10 minutes): the seal carries that expiration and the creation time
 * is checked again exactly (iron itself tolerates 60 s of clock skew). {@link #unseal} never throws.
 * Thread-safe. Internal API: public only because several packages of this library share it.
 */
public final class FlowStateCodec {

  /** How long a sign-in may take, and the flow cookie's Max-Age. */
  public static final Duration TTL = Duration.ofSeconds(600);
  /** A flow cookie is small (a few short strings); anything far larger is not ours. */
  static final int MAX_COOKIE_LENGTH = 4 * 1024;
  private static final Duration FUTURE_SKEW = Duration.ofSeconds(60);

  private final Map<String, String> passwordsById;
  private final String currentPassword;
  private final Clock clock;
  private final IronSeal iron;
  private final BoundedJson json;

  /**
   * @param passwords the current password first, then previous ones (each at least 32 characters)
   * @param clock the clock for expirations
   */
  public FlowStateCodec(List<String> passwords, Clock clock) {
    this.passwordsById = SessionCookieCodec.passwordsById(passwords);
    this.currentPassword = passwords.get(0);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.iron = new IronSeal(clock, new SecureRandom());
    this.json = new BoundedJson(JsonProvider.provider());
  }

  /** Seals {@code flow} with the current password and a {@link #TTL} expiration. */
  public String seal(FlowState flow) {
    Objects.requireNonNull(flow, "flow");
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = json.provider().createGenerator(out)) {
      g.writeStartObject()
          .write("state", flow.state())
          .write("codeVerifier", flow.codeVerifier())
          .write("returnPath", flow.returnPath())
          .write("createdAt", flow.createdAt().toEpochMilli());
      if (flow.customState() != null) {
        g.write("customState", flow.customState());
      }
      g.writeEnd();
    }
    return iron.seal(out.toString(), SessionCookieCodec.CURRENT_PASSWORD_ID, currentPassword, TTL);
  }

  /** The flow in {@code cookieValue}, or empty when it is malformed, tampered, foreign or older than {@link #TTL}. */
  public Optional<FlowState> unseal(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > MAX_COOKIE_LENGTH) {
      return Optional.empty();
    }
    try {
      Optional<JsonObject> parsed = json.parseObject(iron.unseal(cookieValue, passwordsById, clock));
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      JsonObject o = parsed.get();
      JsonValue createdValue = o.get("createdAt");
      if (!(createdValue instanceof JsonNumber createdNumber) || !createdNumber.isIntegral()) {
        return Optional.empty();
      }
      Instant createdAt = Instant.ofEpochMilli(createdNumber.longValueExact());
      Instant now = clock.instant();
      // A little slack for a flow started on another node whose clock runs ahead.
      if (createdAt.isAfter(now.plus(FUTURE_SKEW)) || !createdAt.plus(TTL).isAfter(now)) {
        return Optional.empty();
      }
      return Optional.of(new FlowState(
          BoundedJson.requiredString(o, "state"),
          BoundedJson.requiredString(o, "codeVerifier"),
          BoundedJson.requiredString(o, "returnPath"),
          createdAt,
          BoundedJson.optString(o, "customState")));
    } catch (IronException | WrongType | RuntimeException e) {
      return Optional.empty();
    }
  }
}
