package io.github.authkitservlet.internal.core;

import com.workos.webhooks.Webhook;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.security.SignatureException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes WorkOS's webhooks: checks the {@code WorkOS-Signature} (HMAC-SHA256 over the timestamp
 * and the raw body with the endpoint's secret, in constant time, within three minutes: the WorkOS
 * SDK's own check), then acts on {@code session.revoked}: the session is refused from now on, on
 * every server sharing the session store. Other events are acknowledged and left alone.
 *
 * <p>A request whose signature does not check gets 401 and changes nothing.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class WebhookLogic {

  private static final Logger LOG = Logger.getLogger(WebhookLogic.class.getName());
  /** WorkOS's webhook bodies are small; anything this large is not one. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  static final String SESSION_REVOKED = "session.revoked";

  private final SessionAuthenticator authenticator;
  private final String secret;
  private final Webhook webhook = new Webhook();

  WebhookLogic(SessionAuthenticator authenticator, String secret) {
    this.authenticator = authenticator;
    this.secret = secret;
  }

  /**
   * The decision for one delivery.
   *
   * @param body the raw body, exactly as received (the signature covers these bytes)
   * @param signature the {@code WorkOS-Signature} header, or null
   */
  public Decision receive(String body, String signature) {
    Objects.requireNonNull(body, "body");
    if (signature == null || signature.isBlank() || !verified(body, signature)) {
      return refuse(401, "invalid_signature", "The webhook's WorkOS-Signature does not check.");
    }
    JsonObject event = object(body);
    if (event == null || !(event.get("event") instanceof JsonString type)) {
      return refuse(400, "invalid_event", "The webhook body is not a WorkOS event.");
    }
    if (SESSION_REVOKED.equals(type.getString())) {
      String sessionId = event.get("data") instanceof JsonObject data && data.get("id") instanceof JsonString id
          ? id.getString() : null;
      if (sessionId == null || sessionId.isBlank() || sessionId.length() > 256) {
        return refuse(400, "invalid_event", "The session.revoked event names no session.");
      }
      authenticator.revoke(sessionId);
      LOG.log(Level.FINE, "a session revoked at WorkOS is refused from now on");
    }
    return new Decision.Acknowledge(Effects.uncacheable());
  }

  /** The decision for a delivery whose body is over {@link #MAX_BODY_BYTES}. */
  public Decision tooLarge() {
    return refuse(413, "payload_too_large", "The webhook body is too large.");
  }

  private boolean verified(String body, String signature) {
    try {
      webhook.verifyHeader(body, signature, secret, Webhook.DEFAULT_TOLERANCE_MILLIS);
      return true;
    } catch (SignatureException | RuntimeException e) {
      // A malformed header, a stale timestamp, another secret: all the same to the sender.
      return false;
    }
  }

  private static JsonObject object(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject object ? object : null;
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }

  private static Decision refuse(int status, String code, String message) {
    return new Decision.Refuse(status, code, "Webhook refused", message, false, null, null, null, Effects.uncacheable());
  }
}
