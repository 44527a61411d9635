package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.models.AuthenticateResponse;
import com.workos.models.SessionCreated;
import com.workos.session.AuthenticateSessionResult;
import com.workos.session.Session;
import com.workos.session.SessionKt;
import com.workos.types.CreateWebhookEndpointEvents;
import com.workos.types.UserSessionsAuthMethod;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.PKCEAuthorizationUrlResult;
import com.workos.webhooks.Webhook;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dashboard impersonation as WorkOS runs it: through the application's sign-in endpoint when it
 * has one (the sign-in it starts completes without a password page), straight to the redirect URI
 * with a code and no state when it has none; the answer carries {@code impersonator}, the token
 * an {@code act} claim, and the session lasts an hour.
 */
class ImpersonationIT extends EmulatorClients {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final String REDIRECT_URI = "http://localhost:8080/callback";
  private static final String COOKIE_PASSWORD = "a-cookie-password-of-at-least-32-characters";
  private static final String IMPERSONATE_ADA =
      "{\"email\": \"ada@example.com\", \"impersonator_email\": \"support@example.com\", \"reason\": \"Ticket 42\"}";


  /** A browser: keeps cookies, follows no redirect. */
  private static final class Browser {
    private final HttpClient client = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    HttpResponse<String> open(String url) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private String startImpersonation(String json) throws Exception {
    HttpResponse<String> started = http.postJson("/_emulate/impersonations", json);
    assertEquals(201, started.statusCode(), started.body());
    return EmulatorHttp.json(started).getString("url");
  }

  private static String location(HttpResponse<String> response) {
    assertEquals(302, response.statusCode(), response.body());
    return response.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void theDashboardSendsTheBrowserThroughTheSignInEndpoint() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver();
    try (receiver) {
      String secret = workos.getWebhooks().createEndpoint(receiver.url().toString(),
          List.of(CreateWebhookEndpointEvents.SessionCreated)).getSecret();
      Browser browser = new Browser();
      HttpResponse<String> dashboard = browser.open(startImpersonation(IMPERSONATE_ADA));
      assertEquals("http://localhost:8080/login", location(dashboard), "the client's initiate_login_uri");
      String mark = dashboard.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(mark.startsWith("workos-emulator-impersonation="), mark);
      assertTrue(mark.contains("Path=/user_management/") && mark.contains("HttpOnly") && mark.contains("Max-Age=300"),
          mark);

      // The application's sign-in endpoint starts an ordinary sign-in, with its own state and PKCE.
      PKCEAuthorizationUrlResult authorization = AuthKitAuthUrlsKt.getAuthorizationUrlWithPKCE(
          workos.getUserManagement(), new AuthKitAuthorizationUrlOptions(REDIRECT_URI, null, "authkit"));
      HttpResponse<String> authorize = browser.open(authorization.getUrl());
      String callback = location(authorize);
      assertTrue(callback.startsWith(REDIRECT_URI + "?code="), "no password page: " + callback);
      assertEquals(authorization.getState(), HostedSignIn.queryParam(callback, "state"));
      assertTrue(authorize.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"), "the mark is spent");

      AuthenticateResponse signedIn = workos.getUserManagement().authenticateWithCode(
          HostedSignIn.queryParam(callback, "code"), authorization.getCodeVerifier());
      assertEquals("ada@example.com", signedIn.getUser().getEmail());
      assertEquals("support@example.com", signedIn.getImpersonator().getEmail());
      assertEquals("Ticket 42", signedIn.getImpersonator().getReason());
      assertEquals("Impersonation", signedIn.getAuthenticationMethod().getValue());
      JWTClaimsSet claims = SignedJWT.parse(signedIn.getAccessToken()).getJWTClaimsSet();
      assertEquals(Map.of("sub", "support@example.com"), claims.getJSONObjectClaim("act"));
      assertEquals(signedIn.getUser().getId(), claims.getSubject());

      Session session = SessionKt.getSession(workos);
      AuthenticateSessionResult.Success success = assertInstanceOf(AuthenticateSessionResult.Success.class,
          session.loadSealedSession(session.sealAuthResponse(signedIn, COOKIE_PASSWORD), COOKIE_PASSWORD)
              .authenticate());
      assertEquals("support@example.com", success.getImpersonator().getEmail());

      WebhookReceiver.Delivery created = receiver.next("session.created", Duration.ofSeconds(10));
      SessionCreated event = assertInstanceOf(SessionCreated.class,
          new Webhook().constructTypedEvent(created.body(), created.signature(), secret));
      assertEquals(UserSessionsAuthMethod.Impersonation, event.getData().getAuthMethod());
      assertEquals("support@example.com", event.getData().getImpersonator().getEmail());
      assertEquals("Ticket 42", event.getData().getImpersonator().getReason());

      assertEquals(200, browser.open(authorization.getUrl()).statusCode(), "the next sign-in asks for a password");
      assertEquals(1, emulator.counter("sign_in.impersonated"));
      assertEquals(1, emulator.counter("impersonation"));
    }
  }

  @Test
  void withoutASignInEndpointTheCodeGoesStraightToTheCallbackWithoutState() throws Exception {
    String seed = """
        {"users": [{"email": "solo@example.com", "password": "authkit-demo"}],
         "organizations": [{"id": "org_solo", "name": "Solo", "memberships": [{"email": "solo@example.com"}]}],
         "clients": [{"client_id": "client_plain", "api_keys": ["sk_test_plain"],
                      "redirect_uris": ["http://localhost:9090/callback", "http://localhost:*/other"]}]}
        """;
    try (AuthKitEmulator own = AuthKitEmulator.builder().seedJson(seed).start()) {
      Browser browser = new Browser();
      URI link = own.startImpersonation("solo@example.com", "support@example.com", null);
      assertTrue(link.toString().startsWith(own.baseUrl() + "/_emulate/impersonations/"), link.toString());
      String callback = location(browser.open(link.toString()));
      assertTrue(callback.startsWith("http://localhost:9090/callback?code="), callback);
      assertNull(HostedSignIn.queryParam(callback, "state"), "WorkOS sends no state: the application never asked");
      assertEquals(404, browser.open(link.toString()).statusCode(), "the link is single use");

      String code = HostedSignIn.queryParam(callback, "code");
      EmulatorHttp ownHttp = new EmulatorHttp(own);
      HttpResponse<String> withVerifier = ownHttp.postJson("/user_management/authenticate",
          "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_plain\",\"code\":\"" + code
              + "\",\"code_verifier\":\"" + new PkceFlow().verifier + "\"}");
      assertEquals(400, withVerifier.statusCode(), "there was no PKCE: the code was issued without a challenge");

      URI again = own.startImpersonation("solo@example.com", "support@example.com", "Ticket 7");
      String code2 = HostedSignIn.queryParam(location(browser.open(again.toString())), "code");
      WorkOS sdk = sdk(own);
      AuthenticateResponse signedIn = sdk.getUserManagement().authenticateWithCode(code2);
      assertEquals("org_solo", signedIn.getOrganizationId());
      assertEquals("Ticket 7", signedIn.getImpersonator().getReason());
    }
  }

  @Test
  void theMarkIsSingleUseShortLivedAndOnlyForTheBrowserThatFollowedTheLink() throws Exception {
    Browser support = new Browser();
    location(support.open(startImpersonation(IMPERSONATE_ADA)));
    String authorizeUrl = new PkceFlow().authorizeUrl(emulator);
    assertEquals(200, new Browser().open(authorizeUrl).statusCode(), "another browser gets the sign-in page");
    emulator.advanceClock(Duration.ofMinutes(6));
    HttpResponse<String> late = support.open(authorizeUrl);
    assertEquals(200, late.statusCode(), "the mark expired after five minutes");
    assertTrue(late.body().contains("id=\"password\""), late.body());

    String link = startImpersonation(IMPERSONATE_ADA);
    emulator.advanceClock(Duration.ofMinutes(6));
    assertEquals(404, new Browser().open(link).statusCode(), "the link expired after five minutes");
    assertEquals(0, emulator.counter("sign_in.impersonated"));
  }

  @Test
  void anImpersonationSessionEndsAfterAnHour() throws Exception {
    Browser browser = new Browser();
    location(browser.open(startImpersonation(IMPERSONATE_ADA)));
    PkceFlow flow = new PkceFlow();
    String code = HostedSignIn.queryParam(location(browser.open(flow.authorizeUrl(emulator))), "code");
    HttpResponse<String> exchanged = http.postJson("/user_management/authenticate", flow.codeGrant(emulator, code));
    assertEquals(200, exchanged.statusCode(), exchanged.body());
    JsonObject signedIn = EmulatorHttp.json(exchanged);
    assertEquals(List.of(), new OpenApiShapes().problems("UserlandAuthenticateResponse", signedIn));
    IssuedSession ordinary = emulator.issueSession("grace@example.com");

    emulator.advanceClock(Duration.ofMinutes(59));
    AuthenticateResponse refreshed = workos.getUserManagement()
        .authenticateWithRefreshToken(signedIn.getString("refresh_token"));
    assertEquals("Impersonation", refreshed.getAuthenticationMethod().getValue(), "a refresh reports how it began");
    assertEquals("support@example.com", refreshed.getImpersonator().getEmail());
    emulator.advanceClock(Duration.ofMinutes(2));
    BadRequestException ended = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(refreshed.getRefreshToken()));
    assertTrue(ended.rawBody.contains("Session has expired."), ended.rawBody);
    assertEquals("Password", workos.getUserManagement().authenticateWithRefreshToken(ordinary.refreshToken())
        .getAuthenticationMethod().getValue(), "an ordinary session goes on");
  }

  @Test
  void theDashboardsQuestionsAreAskedToo() throws Exception {
    assertEquals(422, http.postJson("/_emulate/impersonations", "{\"email\": \"ada@example.com\"}").statusCode());
    assertEquals(422, http.postJson("/_emulate/impersonations",
        "{\"email\": \"ada@example.com\", \"impersonator_email\": \"not an email\"}").statusCode());
    assertEquals(422, http.postJson("/_emulate/impersonations",
        "{\"impersonator_email\": \"support@example.com\"}").statusCode());
    assertEquals(404, http.postJson("/_emulate/impersonations",
        "{\"email\": \"nobody@example.com\", \"impersonator_email\": \"support@example.com\"}").statusCode());
    HttpResponse<String> which = http.postJson("/_emulate/impersonations",
        "{\"email\": \"linus@example.com\", \"impersonator_email\": \"support@example.com\"}");
    assertEquals(422, which.statusCode());
    assertTrue(EmulatorHttp.json(which).getString("message").contains("organization_id"), which.body());
    String exampleCorp = emulator.issueSession("linus@example.com").organizationId();
    startImpersonation("{\"email\": \"linus@example.com\", \"impersonator_email\": \"support@example.com\","
        + " \"organization_id\": \"" + exampleCorp + "\"}");
    assertEquals(422, http.postJson("/_emulate/impersonations", "{\"email\": \"ada@example.com\","
        + " \"impersonator_email\": \"support@example.com\", \"organization_id\": \"org_elsewhere\"}").statusCode());

    IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
        () -> emulator.startImpersonation("linus@example.com", "support@example.com", "why"));
    assertTrue(several.getMessage().contains("organization_id"), several.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> emulator.startImpersonation("nobody@example.com", "support@example.com", "why"));
    assertEquals(404, new Browser().open(emulator.baseUrl() + "/_emulate/impersonations/not-a-ticket").statusCode());
  }
}
