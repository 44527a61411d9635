package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.common.exceptions.NotFoundException;
import com.workos.models.SessionCreated;
import com.workos.models.SessionRevoked;
import com.workos.models.WebhookEndpoint;
import com.workos.types.CreateWebhookEndpointEvents;
import com.workos.types.UserSessionsAuthMethod;
import com.workos.types.UserSessionsStatus;
import com.workos.types.WebhookEndpointStatus;
import com.workos.webhooks.Webhook;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed webhooks: {@code session.created} on sign-in, {@code session.revoked} on revoke, logout
 * and the control API, in WorkOS's event shape, signed so that WorkOS's own Java SDK (7.2.0)
 * accepts them; retries, non-blocking delivery and the loopback-only rule.
 */
class WebhooksIT extends EmulatorClients {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+), v1=([0-9a-f]{64})");

  private final OpenApiShapes shapes = new OpenApiShapes();
  private WebhookReceiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private String register(CreateWebhookEndpointEvents... events) {
    WebhookEndpoint endpoint = workos.getWebhooks().createEndpoint(receiver.url().toString(), List.of(events));
    return endpoint.getSecret();
  }

  private JsonObject signIn(String email) throws Exception {
    return PkceFlow.signIn(emulator, email);
  }

  private static String sessionId(JsonObject signedIn) throws Exception {
    return SignedJWT.parse(signedIn.getString("access_token")).getJWTClaimsSet().getStringClaim("sid");
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  @Test
  void revokedSessionArrivesSignedAndTheSdkAcceptsIt() throws Exception {
    WebhookEndpoint endpoint = workos.getWebhooks().createEndpoint(receiver.url().toString(),
        List.of(CreateWebhookEndpointEvents.SessionCreated, CreateWebhookEndpointEvents.SessionRevoked));
    assertEquals(WebhookEndpointStatus.Enabled, endpoint.getStatus());
    assertEquals(List.of("session.created", "session.revoked"), endpoint.getEvents());
    String secret = endpoint.getSecret();
    assertTrue(secret.length() >= 32, "a secret worth the name");

    JsonObject signedIn = signIn("ada@example.com");
    String sid = sessionId(signedIn);
    WebhookReceiver.Delivery created = receiver.next("session.created", WAIT);
    SessionCreated createdEvent = assertInstanceOf(SessionCreated.class,
        new Webhook().constructTypedEvent(created.body(), created.signature(), secret));
    assertEquals(sid, createdEvent.getData().getId());
    assertEquals(UserSessionsAuthMethod.Password, createdEvent.getData().getAuthMethod());
    assertEquals(UserSessionsStatus.Active, createdEvent.getData().getStatus());

    workos.getUserManagement().revokeSession(sid);
    WebhookReceiver.Delivery revoked = receiver.next("session.revoked", WAIT);
    SessionRevoked event = assertInstanceOf(SessionRevoked.class,
        new Webhook().constructTypedEvent(revoked.body(), revoked.signature(), secret));
    assertTrue(event.getId().startsWith("event_"), event.getId());
    assertEquals("session.revoked", event.getEvent());
    assertEquals(sid, event.getData().getId());
    assertEquals(signedIn.getJsonObject("user").getString("id"), event.getData().getUserId());
    assertEquals(signedIn.getString("organization_id"), event.getData().getOrganizationId());
    assertEquals(UserSessionsStatus.Revoked, event.getData().getStatus());
    assertNotNull(event.getData().getEndedAt());
    assertNull(event.getData().getImpersonator());

    JsonNode tree = new Webhook().constructEvent(revoked.body(), revoked.signature(), secret);
    assertEquals("event", tree.get("object").asText());
    assertEquals(List.of(), shapes.problems("SessionEvent", json(revoked.body())));
    assertEquals("application/json", revoked.contentType());
    assertTrue(emulator.awaitCounter("webhook.delivered", 2, WAIT));
    assertEquals(0, emulator.counter("webhook.failed"));
  }

  @Test
  void signatureIsTimestampInMillisAndHmacOfTimestampDotBody() throws Exception {
    String secret = register(CreateWebhookEndpointEvents.SessionCreated);
    long before = System.currentTimeMillis();
    signIn("grace@example.com");
    WebhookReceiver.Delivery delivery = receiver.next("session.created", WAIT);
    long after = System.currentTimeMillis();

    Matcher header = SIGNATURE.matcher(delivery.signature());
    assertTrue(header.matches(), "WorkOS-Signature: " + delivery.signature());
    long t = Long.parseLong(header.group(1));
    assertTrue(t >= before && t <= after, "t is the sending time in milliseconds: " + t);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, header.group(2));

    Webhook verifier = new Webhook();
    assertThrows(SignatureException.class,
        () -> verifier.constructEvent(delivery.body(), delivery.signature(), secret + "x"));
    assertThrows(SignatureException.class,
        () -> verifier.constructEvent(delivery.body().replace("session.created", "session.revoked"),
            delivery.signature(), secret));
    assertNotNull(verifier.constructEvent(delivery.body(), delivery.signature(), secret));
  }

  @Test
  void logoutAndTheControlApiAlsoDeliverSessionRevoked() throws Exception {
    String secret = register(CreateWebhookEndpointEvents.SessionRevoked);
    JsonObject first = signIn("ada@example.com");
    JsonObject second = signIn("ada@example.com");

    HttpResponse<String> logout = http.get("/user_management/sessions/logout?session_id=" + sessionId(first));
    assertEquals(302, logout.statusCode());
    WebhookReceiver.Delivery delivery = receiver.next("session.revoked", WAIT);
    SessionRevoked loggedOut = assertInstanceOf(SessionRevoked.class,
        new Webhook().constructTypedEvent(delivery.body(), delivery.signature(), secret));
    assertEquals(sessionId(first), loggedOut.getData().getId());

    HttpResponse<String> revoked = http.postJson("/_emulate/sessions/" + sessionId(second) + "/revoke", "");
    assertEquals(200, revoked.statusCode(), revoked.body());
    assertEquals("revoked", EmulatorHttp.json(revoked).getString("status"));
    assertEquals(List.of(), shapes.problems("Session", EmulatorHttp.json(revoked)));
    WebhookReceiver.Delivery controlled = receiver.next("session.revoked", WAIT);
    assertTrue(controlled.body().contains(sessionId(second)), controlled.body());
    BadRequestException refused = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(second.getString("refresh_token")));
    assertTrue(refused.rawBody.contains("invalid_grant"), refused.rawBody);

    // Ending an ended session again changes nothing and sends nothing.
    assertEquals(200, http.postJson("/_emulate/sessions/" + sessionId(second) + "/revoke", "").statusCode());
    assertTrue(emulator.revokeSession(sessionId(first)));
    assertFalse(emulator.revokeSession("session_unknown"));
    assertEquals(404, http.postJson("/_emulate/sessions/session_unknown/revoke", "").statusCode());
    assertTrue(emulator.awaitCounter("webhook.delivered", 2, WAIT));
    Thread.sleep(300);
    assertEquals(2, emulator.counter("webhook.delivered"), "one event per session that ended");
    assertEquals(List.of(), receiver.drain());
  }

  @Test
  void onlySubscribedEventsAreDelivered() throws Exception {
    register(CreateWebhookEndpointEvents.SessionRevoked);
    String sid = sessionId(signIn("ada@example.com"));
    emulator.revokeSession(sid);
    WebhookReceiver.Delivery first = receiver.next(WAIT);
    assertTrue(first.body().contains("\"event\":\"session.revoked\""), "session.created is not subscribed: "
        + first.body());
    assertTrue(emulator.awaitCounter("webhook.delivered", 1, WAIT));
    assertEquals(1, emulator.counter("webhook.delivered"));
  }

  @Test
  void failedDeliveriesAreRetriedWithTheSameEvent() throws Exception {
    String secret = register(CreateWebhookEndpointEvents.SessionCreated);
    receiver.failNext(2, 503);
    signIn("ada@example.com");
    assertTrue(emulator.awaitCounter("webhook.delivered", 1, WAIT), "delivered on the third attempt");
    assertEquals(2, emulator.counter("webhook.retried"));
    assertEquals(0, emulator.counter("webhook.failed"));
    List<WebhookReceiver.Delivery> attempts = receiver.drain();
    assertEquals(3, attempts.size());
    String eventId = json(attempts.get(0).body()).getString("id");
    for (WebhookReceiver.Delivery attempt : attempts) {
      assertEquals(eventId, json(attempt.body()).getString("id"), "a retry resends the same event");
      assertNotNull(new Webhook().constructEvent(attempt.body(), attempt.signature(), secret));
    }
  }

  @Test
  void aDeliveryThatNeverSucceedsIsCountedAsFailedAfterThreeRetries() throws Exception {
    register(CreateWebhookEndpointEvents.SessionCreated);
    receiver.failNext(100, 500);
    signIn("ada@example.com");
    assertTrue(emulator.awaitCounter("webhook.failed", 1, WAIT));
    assertEquals(0, emulator.counter("webhook.delivered"));
    assertEquals(3, emulator.counter("webhook.retried"));
    assertEquals(4, receiver.drain().size());
  }

  @Test
  void revokingNeverWaitsForTheReceiver() throws Exception {
    register(CreateWebhookEndpointEvents.SessionRevoked);
    receiver.answerAfter(Duration.ofSeconds(3));
    String sid = sessionId(signIn("ada@example.com"));
    long start = System.nanoTime();
    workos.getUserManagement().revokeSession(sid);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs < 1500, "revoke waited " + tookMs + " ms for the webhook receiver");
    assertTrue(emulator.awaitCounter("webhook.delivered", 1, WAIT));
  }

  @Test
  void onlyLoopbackUrlsCanBeRegistered() throws Exception {
    for (String url : new String[] {
        "http://example.com/webhooks", "https://10.0.0.1/webhooks", "http://192.168.1.20:8080/webhooks",
        "http://127.0.0.1.nip.io/webhooks", "http://[::2]/webhooks", "http://0.0.0.0:8080/webhooks",
        "http://localhost.example.com/webhooks", "http://user@localhost:8080/webhooks", "ftp://localhost/webhooks",
        "http://127.0.0.300/webhooks", "not a url"}) {
      HttpResponse<String> refused = http.postJson("/webhook_endpoints",
          "{\"endpoint_url\": \"" + url + "\", \"events\": [\"session.revoked\"]}");
      assertEquals(422, refused.statusCode(), url + " → " + refused.body());
      assertTrue(EmulatorHttp.json(refused).getString("message").contains("only sends webhooks to this machine"),
          refused.body());
    }
    for (String url : new String[] {"http://localhost:9/hooks", "http://127.8.9.10:9/hooks", "http://[::1]:9/hooks",
        "https://LOCALHOST:9/hooks"}) {
      HttpResponse<String> accepted = http.postJson("/webhook_endpoints",
          "{\"endpoint_url\": \"" + url + "\", \"events\": [\"session.revoked\"]}");
      assertEquals(201, accepted.statusCode(), url + " → " + accepted.body());
      assertEquals(List.of(), shapes.problems("WebhookEndpoint", EmulatorHttp.json(accepted)));
    }
    IllegalArgumentException builder = assertThrows(IllegalArgumentException.class,
        () -> AuthKitEmulator.builder().webhookEndpoint(URI.create("https://hooks.example.com/workos"), "s"));
    assertTrue(builder.getMessage().contains("only sends webhooks to this machine"), builder.getMessage());
    IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> AuthKitEmulator.builder()
        .seedJson("{\"webhookEndpoints\": [{\"endpoint_url\": \"http://10.1.2.3/hooks\", \"secret\": \"s\"}]}")
        .start());
    assertTrue(seed.getMessage().contains("webhookEndpoints[0].endpoint_url"), seed.getMessage());
  }

  @Test
  void badRegistrationsAreRefusedWithWorkOsErrors() throws Exception {
    String url = receiver.url().toString();
    assertEquals(422, http.postJson("/webhook_endpoints", "{\"events\": [\"session.revoked\"]}").statusCode());
    assertEquals(422, http.postJson("/webhook_endpoints", "{\"endpoint_url\": \"" + url + "\"}").statusCode());
    assertEquals(422, http.postJson("/webhook_endpoints",
        "{\"endpoint_url\": \"" + url + "\", \"events\": \"session.revoked\"}").statusCode());
    assertEquals(422, http.postJson("/webhook_endpoints",
        "{\"endpoint_url\": \"" + url + "\", \"events\": []}").statusCode());
    assertEquals(422, http.postJson("/webhook_endpoints",
        "{\"endpoint_url\": \"" + url + "\", \"events\": [\"Not An Event\"]}").statusCode());
    HttpResponse<String> noKey = http.post("/webhook_endpoints", "application/json",
        ("{\"endpoint_url\": \"" + url + "\", \"events\": [\"session.revoked\"]}").getBytes(StandardCharsets.UTF_8));
    assertEquals(401, noKey.statusCode());
    assertEquals("unauthorized", EmulatorHttp.json(noKey).getString("code"));
    assertEquals(0, workos.getWebhooks().listEndpoints().data.size());
  }

  @Test
  void endpointsAreListedWithAMaskedSecretAndCanBeDeleted() throws Exception {
    String secret = register(CreateWebhookEndpointEvents.SessionRevoked);
    List<WebhookEndpoint> listed = workos.getWebhooks().listEndpoints().data;
    assertEquals(1, listed.size());
    assertEquals(secret.substring(0, 8) + "****", listed.get(0).getSecret());
    workos.getWebhooks().deleteEndpoint(listed.get(0).getId());
    assertEquals(0, workos.getWebhooks().listEndpoints().data.size());
    assertThrows(NotFoundException.class, () -> workos.getWebhooks().deleteEndpoint(listed.get(0).getId()));

    emulator.revokeSession(sessionId(signIn("ada@example.com")));
    Thread.sleep(300);
    assertEquals(List.of(), receiver.drain(), "a deleted endpoint gets nothing");
  }

  @Test
  void resetForgetsRegisteredEndpoints() throws Exception {
    register(CreateWebhookEndpointEvents.SessionCreated);
    emulator.reset();
    signIn("ada@example.com");
    Thread.sleep(300);
    assertEquals(List.of(), receiver.drain());
    assertEquals(0, emulator.counter("webhook.delivered"));
  }

  @Test
  void builderEndpointGetsEveryEventAcrossResetsAndStopsWithTheEmulator() throws Exception {
    long threadsBefore = webhookThreads();
    try (AuthKitEmulator own = AuthKitEmulator.builder().webhookEndpoint(receiver.url(), "whsec_builder").start()) {
      assertEquals(threadsBefore + 1, webhookThreads());
      JsonObject signedIn = PkceFlow.signIn(own, "grace@example.com");
      WebhookReceiver.Delivery created = receiver.next("session.created", WAIT);
      assertNotNull(new Webhook().constructEvent(created.body(), created.signature(), "whsec_builder"));
      own.reset();
      own.revokeSession(sessionId(signedIn));
      assertEquals(List.of(), receiver.drain(), "sessions are gone after reset: nothing to revoke");
      PkceFlow.signIn(own, "ada@example.com");
      WebhookReceiver.Delivery afterReset = receiver.next("session.created", WAIT);
      assertNotNull(new Webhook().constructEvent(afterReset.body(), afterReset.signature(), "whsec_builder"));
    }
    assertEquals(threadsBefore, webhookThreads(), "close() stops the delivery thread");
  }

  @Test
  void seededEndpointSignsWithItsPinnedSecret() throws Exception {
    String seed = "{\"users\": [{\"email\": \"solo@example.com\", \"password\": \"authkit-demo\"}],"
        + " \"webhookEndpoints\": [{\"endpoint_url\": \"" + receiver.url() + "\", \"secret\": \"whsec_seeded\","
        + " \"events\": [\"session.created\"]}]}";
    try (AuthKitEmulator own = AuthKitEmulator.builder().seedJson(seed).start()) {
      PkceFlow.signIn(own, "solo@example.com");
      WebhookReceiver.Delivery created = receiver.next("session.created", WAIT);
      assertNotNull(new Webhook().constructEvent(created.body(), created.signature(), "whsec_seeded"));
      assertEquals(1, sdk(own).getWebhooks().listEndpoints().data.size());
    }
  }

  private static long webhookThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("authkit-emulator-webhooks") && t.isAlive())
        .count();
  }
}
