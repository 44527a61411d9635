package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WorkOS's webhooks against the deployed webhook servlet: the emulator delivers a signed
 * {@code session.revoked} when a session is revoked, and the session stops working at once;
 * deliveries whose signature does not check change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookIT {

  static final String CONTEXT = "/authkit-webhooks";
  static final int PORT = Integer.getInteger("authkit.it.port", 18931);
  static final String ENDPOINT = "http://localhost:" + PORT + CONTEXT + "/webhooks/workos";
  static final TestWorld WORLD = new TestWorld(AuthKitEmulator.builder().port(0)
      .webhookEndpoint(URI.create(ENDPOINT), TestApp.WEBHOOK_SECRET).start());
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final HttpClient HTTP = Browser.newClient();

  @ArquillianResource
  URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT);
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged(List.of(TestApp.WEBHOOK_SECRET));
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.substring(1));
  }

  /** A browser signed in as ada, and her session id. */
  Browser signedIn() {
    Browser browser = WORLD.newBrowser();
    HttpResponse<String> first = browser.page(app("/whoami"));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.follow(first), "ada@example.com", "authkit-demo");
    assertEquals(200, browser.follow(toCallback).statusCode(), "back on the page asked for");
    assertEquals(200, browser.api(app("/whoami")).statusCode());
    return browser;
  }

  @Test
  void aSessionRevokedAtWorkOsStopsWorkingWithinASecond() throws Exception {
    Browser browser = signedIn();
    String sessionId = Browser.json(browser.api(app("/whoami"))).getString("sessionId");

    assertTrue(WORKOS.revokeSession(sessionId));
    assertTrue(WORKOS.awaitCounter("webhook.delivered", 1, Duration.ofSeconds(5)), "the emulator delivered the event");

    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    int status = browser.api(app("/whoami")).statusCode();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      status = browser.api(app("/whoami")).statusCode();
    }
    assertEquals(401, status, "refused although its access token is still valid");
  }

  static String sign(long timestamp, String body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + timestamp + ", v1=" + HexFormat.of().formatHex(
        mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> deliver(String body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ENDPOINT))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("WorkOS-Signature", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String revoked(String sessionId) {
    return "{\"object\":\"event\",\"id\":\"event_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
        + sessionId + "\"},\"created_at\":\"2026-12-03T00:00:00.000Z\"}";
  }

  @Test
  void deliveriesWhoseSignatureDoesNotCheckAreRefusedAndChangeNothing() throws Exception {
    Browser browser = signedIn();
    String sessionId = Browser.json(browser.api(app("/whoami"))).getString("sessionId");
    String body = revoked(sessionId);
    long now = System.currentTimeMillis();
    List<String> forged = List.of(
        sign(now, body, "another-secret-0123456789"),
        sign(now - Duration.ofMinutes(10).toMillis(), body, TestApp.WEBHOOK_SECRET),
        sign(now, body + " ", TestApp.WEBHOOK_SECRET),
        "t=" + now + ", v1=not-hex",
        "v1=" + sign(now, body, TestApp.WEBHOOK_SECRET).split("v1=")[1],
        "garbage");
    for (String signature : forged) {
      HttpResponse<String> answer = deliver(body, signature);
      assertEquals(401, answer.statusCode(), signature + " -> " + answer.body());
      assertTrue(answer.body().contains("\"invalid_signature\""), answer.body());
    }
    assertEquals(401, deliver(body, null).statusCode(), "no signature");
    assertEquals(200, browser.api(app("/whoami")).statusCode(), "still signed in");
  }

  @Test
  void aSignedDeliveryIsActedOnAndOtherEventsAreAcknowledged() throws Exception {
    Browser browser = signedIn();
    String sessionId = Browser.json(browser.api(app("/whoami"))).getString("sessionId");
    String other = "{\"object\":\"event\",\"id\":\"event_2\",\"event\":\"user.updated\",\"data\":{\"id\":\"user_1\"}}";
    assertEquals(200, deliver(other, sign(System.currentTimeMillis(), other, TestApp.WEBHOOK_SECRET)).statusCode());
    assertEquals(400, deliver("not json", sign(System.currentTimeMillis(), "not json", TestApp.WEBHOOK_SECRET)).statusCode());
    assertEquals(200, browser.api(app("/whoami")).statusCode());

    String body = revoked(sessionId);
    HttpResponse<String> answer = deliver(body, sign(System.currentTimeMillis(), body, TestApp.WEBHOOK_SECRET));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("{\"received\":true}", answer.body());
    assertEquals(401, browser.api(app("/whoami")).statusCode());
  }

  @Test
  void aHugeBodyIsRefusedWithoutReadingItAll() throws Exception {
    String body = "{\"event\":\"" + "x".repeat(300 * 1024) + "\"}";
    assertEquals(413, deliver(body, sign(System.currentTimeMillis(), body, TestApp.WEBHOOK_SECRET)).statusCode());
  }

  @Test
  void theWebhookEndpointNeedsNoSession() throws Exception {
    String body = "{}";
    HttpResponse<String> answer = deliver(body, "t=1, v1=00");
    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("invalid_signature"), "answered by the webhook servlet, not the filter: " + answer.body());
  }
}
