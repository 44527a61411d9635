package io.github.authkitservlet.internal.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.emulator.HostedPageForm;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.testsupport.MutableClock;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.IssuerCheck;
import io.github.authkitservlet.internal.workos.AuthorizationOptions;
import io.github.authkitservlet.internal.workos.AuthorizationRequest;
import io.github.authkitservlet.internal.workos.GrantResult;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session cache inside {@link SessionAuthenticator}, against the emulator over real HTTP: a
 * repeated cookie is answered from the cache, and the cache never keeps a session past the point
 * where the uncached path would refresh it.
 */
class SessionAuthenticatorCacheTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final String PASSWORD = "a-cookie-password-of-at-least-32-chars";
  private static final Duration REFRESH_BUFFER = Duration.ofSeconds(60);

  private MutableClock clock;
  private WorkOsClient workos;
  private AccessTokenVerifier verifier;
  private SessionCookieCodec codec;

  @BeforeEach
  void setUp() {
    AuthKitEmulator emulator = WORKOS.emulator();
    clock = new MutableClock(Instant.now());
    URI base = URI.create(emulator.baseUrl());
    workos = new WorkOsClient(emulator.apiKey(), emulator.clientId(), base, Duration.ofSeconds(3), Duration.ofSeconds(5));
    verifier = new AccessTokenVerifier(URI.create(emulator.baseUrl() + "/sso/jwks/" + emulator.clientId()),
        Duration.ofSeconds(3), Duration.ofSeconds(5),
        new IssuerCheck(Set.of(emulator.baseUrl() + "/user_management/" + emulator.clientId()), emulator.clientId()));
    codec = new SessionCookieCodec(List.of(PASSWORD), clock);
  }

  @AfterEach
  void tearDown() {
    workos.close();
  }

  private SessionAuthenticator authenticator(int cacheEntries) {
    SessionPolicy policy =
        new SessionPolicy(REFRESH_BUFFER, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofDays(400), cacheEntries);
    return new SessionAuthenticator(codec, verifier, workos, clock, policy, SessionStores.memory(clock, policy));
  }

  @Test
  void aRepeatedCookieIsAnsweredFromTheCacheUntilItsTokenIsDueForRefresh() throws Exception {
    AuthKitEmulator emulator = WORKOS.emulator();
    SessionAuthenticator authenticator = authenticator(100);
    String cookie = authenticator.seal(signIn(emulator));

    AuthOutcome.Authenticated first = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));
    AuthOutcome.Authenticated second = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));
    assertTrue(first.newCookieValue().isEmpty());
    assertSame(first.session(), second.session(), "the second request is served from the cache");

    // One character of the ciphertext changed (the middle of the cookie is well inside it).
    int middle = cookie.length() / 2;
    String tampered = cookie.substring(0, middle) + (cookie.charAt(middle) == 'A' ? 'B' : 'A') + cookie.substring(middle + 1);
    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(tampered),
        "a different cookie value never hits the cache");

    // To the second the uncached path would refresh: expiry minus the refresh buffer.
    Duration untilRefresh = Duration.between(clock.instant(), first.session().claims().expiresAt().minus(REFRESH_BUFFER));
    clock.advance(untilRefresh);
    emulator.advanceClock(untilRefresh);
    AuthOutcome.Authenticated refreshed =
        assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));
    assertTrue(refreshed.newCookieValue().isPresent(), "the cached session was not served past its refresh point");
    assertEquals(1, emulator.counter("grant.refresh_token"));
    assertNotEquals(first.session().data().accessToken(), refreshed.session().data().accessToken());

    AuthOutcome.Authenticated next = assertInstanceOf(AuthOutcome.Authenticated.class,
        authenticator.authenticate(refreshed.newCookieValue().get()));
    assertSame(refreshed.session(), next.session(), "the refreshed cookie is cached as soon as it is issued");
    assertTrue(next.newCookieValue().isEmpty());
    assertEquals(1, emulator.counter("grant.refresh_token"));
  }

  @Test
  void anEndedSessionIsRefusedFromTheCacheAndInEveryCopy() throws Exception {
    SessionAuthenticator authenticator = authenticator(100);
    String cookie = authenticator.seal(signIn(WORKOS.emulator()));
    AuthOutcome.Authenticated first = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));

    assertEquals(Optional.of(first.session().claims().sessionId()), authenticator.endSession(cookie).map(SessionAuthenticator.EndedSession::sessionId));

    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(cookie));
    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(new String(cookie.toCharArray())));
    // Another session of the same user is not affected.
    String other = authenticator.seal(signIn(WORKOS.emulator()));
    assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(other));
  }

  @Test
  void aCachedCopyOfAnEndedSessionIsRefusedToo() throws Exception {
    SessionAuthenticator authenticator = authenticator(100);
    String cookie = authenticator.seal(signIn(WORKOS.emulator()));
    assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));
    // The same session resealed: a different cookie value for the same WorkOS session, also cached.
    String resealed = authenticator.seal(codec.unseal(cookie).orElseThrow());
    assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(resealed));

    authenticator.endSession(cookie);

    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(resealed));
  }

  @Test
  void theCookieARefreshReplacedIsRefusedOnceTheNewOneSignedOut() throws Exception {
    AuthKitEmulator emulator = WORKOS.emulator();
    SessionAuthenticator authenticator = authenticator(100);
    String c1 = authenticator.seal(signIn(emulator));
    advanceBoth(emulator, Duration.ofMinutes(5));
    String c2 = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(c1)).newCookieValue().orElseThrow();

    authenticator.endSession(c2);

    // c1's refresh token was spent moments ago: the recent-rotations answer (c2's session) is refused.
    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(c1));
    assertEquals(1, emulator.counter("grant.refresh_token"));
  }

  @Test
  void anEndedSessionIsRevokedAtWorkOsSoACopyCannotRefreshLater() throws Exception {
    AuthKitEmulator emulator = WORKOS.emulator();
    SessionAuthenticator authenticator = authenticator(100);
    String cookie = authenticator.seal(signIn(emulator));
    authenticator.endSession(cookie);
    assertEquals(1, emulator.counter("revoke"));

    // Long after the token expired, the copy's refresh is refused by WorkOS itself.
    advanceBoth(emulator, Duration.ofMinutes(10));
    AuthOutcome.Anonymous refused = assertInstanceOf(AuthOutcome.Anonymous.class, authenticator.authenticate(cookie));
    assertTrue(refused.clearCookie());
    assertEquals("invalid_grant", refused.refreshFailure().code());
    assertEquals(1, emulator.counter("grant.refresh_token.failed"));
  }

  @Test
  void whenWorkOsCannotRevokeTheSessionACopyIsRefusedHereForAsLongAsTheCookieLives() throws Exception {
    AuthKitEmulator emulator = WORKOS.emulator();
    SessionAuthenticator authenticator = authenticator(100);
    String cookie = authenticator.seal(signIn(emulator));
    emulator.addErrorHook("POST", "/user_management/sessions/revoke", 500, null, 1, Duration.ZERO);
    authenticator.endSession(cookie);
    assertEquals(0, emulator.counter("revoke"));

    // WorkOS would still refresh this session; this server does not let it.
    advanceBoth(emulator, Duration.ofDays(30));
    assertEquals(new AuthOutcome.Anonymous(true), authenticator.authenticate(cookie));
    assertEquals(0, emulator.counter("grant.refresh_token"), "refused before asking WorkOS");
  }

  private void advanceBoth(AuthKitEmulator emulator, Duration by) {
    clock.advance(by);
    emulator.advanceClock(by);
  }

  @Test
  void withoutACacheEveryRequestIsVerified() throws Exception {
    SessionAuthenticator authenticator = authenticator(0);
    String cookie = authenticator.seal(signIn(WORKOS.emulator()));

    AuthOutcome.Authenticated first = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));
    AuthOutcome.Authenticated second = assertInstanceOf(AuthOutcome.Authenticated.class, authenticator.authenticate(cookie));

    assertNotSame(first.session(), second.session());
    assertEquals(first.session().data().accessToken(), second.session().data().accessToken());
  }

  /** Signs ada in on the emulator's hosted page (PKCE) and exchanges the code, as the callback does. */
  private SessionData signIn(AuthKitEmulator emulator) throws Exception {
    AuthorizationRequest authorization =
        workos.authorizationRequest("http://localhost:9/callback", AuthorizationOptions.none());
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorization.url())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    HostedPageForm form = HostedPageForm.of(page.body(), page.uri());
    HttpResponse<String> back = http.send(HttpRequest.newBuilder(form.action())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(HostedPageForm.encode(form.with(
                Map.of("email", "ada@example.com", "password", "authkit-demo", "action", "sign-in")))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, back.statusCode(), back.body());
    String location = back.headers().firstValue("Location").orElseThrow();
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
    assertTrue(code.find(), "no code in the redirect back");
    GrantResult grant = workos.exchangeCode(
        java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), authorization.codeVerifier());
    return assertInstanceOf(GrantResult.Success.class, grant).session();
  }
}
