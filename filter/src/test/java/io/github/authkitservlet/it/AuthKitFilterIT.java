package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
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
 * The filter and servlets deployed on embedded Tomcat, signing in against the emulator over real
 * HTTP: sign-in, refresh, concurrency, WorkOS faults, sign-out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthKitFilterIT {

  /**
   * Started while the class initialises, because the deployment (built before any JUnit callback
   * we could use) needs the emulator's port in its web.xml.
   */
  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String PASSWORD = "authkit-demo";
  static final String SESSION = "wos-session";
  static final HttpClient HTTP = Browser.newClient();
  /** Every browser a test used, for the log check. */

  @ArquillianResource
  @OperateOnDeployment("app")
  URL base;

  /** A second application (think: a second server) sharing the cookie password. */
  @ArquillianResource
  @OperateOnDeployment("twin")
  URL twin;

  Browser browser;

  @Deployment(name = "app", testable = false, order = 1)
  static WebArchive deployment() {
    return TestApp.war(WORKOS);
  }

  @Deployment(name = "twin", testable = false, order = 2)
  static WebArchive twinDeployment() {
    return TestApp.war(WORKOS, "/authkit-twin");
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
    browser = newBrowser();
  }

  Browser newBrowser() {
    return WORLD.newBrowser();
  }

  /** No API key, cookie password, token or cookie value in any log line. */
  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged(List.of());
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** Moves the emulator's clock and the application's together. */
  static void advance(Duration by) {
    WORLD.advance(by);
  }

  /** Walks the whole sign-in from a protected page and returns the page finally shown. */
  HttpResponse<String> signIn(String email, String path) {
    HttpResponse<String> first = browser.page(app(path));
    assertEquals(302, first.statusCode(), "protected page should redirect to login");
    HttpResponse<String> signInPage = browser.follow(first);
    assertTrue(signInPage.uri().toString().startsWith(WORKOS.baseUrl()), signInPage.uri().toString());
    HttpResponse<String> toCallback = browser.submitSignIn(signInPage, email, PASSWORD);
    return browser.follow(toCallback);
  }

  JsonObject whoami() {
    HttpResponse<String> response = browser.api(app("/whoami"));
    assertEquals(200, response.statusCode(), response.body());
    return Browser.json(response);
  }

  // ---------------------------------------------------------------- sign-in

  @Test
  void protectedPageGoesThroughSignInAndBack() {
    HttpResponse<String> first = browser.page(app("/whoami?tab=2&x=%C3%A9"));
    assertEquals(302, first.statusCode());
    assertEquals(app("/login?returnTo=" + URLEncoder.encode("/whoami?tab=2&x=%C3%A9", StandardCharsets.UTF_8)),
        Browser.location(first));
    assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));

    HttpResponse<String> login = browser.page(Browser.location(first));
    assertEquals(302, login.statusCode());
    URI authorize = Browser.location(login);
    assertTrue(authorize.toString().startsWith(WORKOS.baseUrl() + "/user_management/authorize?"), authorize.toString());
    String query = authorize.getRawQuery();
    assertTrue(query.contains("provider=authkit"), query);
    assertTrue(query.contains("code_challenge_method=S256"), query);
    assertTrue(query.contains("code_challenge="), query);
    assertTrue(query.contains("state="), query);
    assertTrue(query.contains("redirect_uri=" + URLEncoder.encode(app("/callback").toString(), StandardCharsets.UTF_8)), query);
    String flowCookie = Browser.setCookies(login).stream().filter(c -> c.startsWith("wos-auth-flow-")).findFirst()
        .orElseThrow(() -> new AssertionError("no flow cookie: " + Browser.setCookies(login)));
    assertTrue(flowCookie.endsWith("; Max-Age=600; Path=" + TestApp.CONTEXT + "; HttpOnly; SameSite=Lax"), flowCookie);

    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(authorize), "ada@example.com", PASSWORD);
    assertTrue(Browser.location(toCallback).toString().startsWith(app("/callback?").toString()));
    HttpResponse<String> callback = browser.page(Browser.location(toCallback));
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(app("/whoami?tab=2&x=%C3%A9"), Browser.location(callback));
    String sessionCookie = Browser.setCookie(callback, SESSION).orElseThrow();
    assertTrue(sessionCookie.matches("wos-session=Fe26\\.2\\*1\\*[^;]+~2; Max-Age=34560000; Path="
        + TestApp.CONTEXT + "; HttpOnly; SameSite=Lax"), sessionCookie);
    assertTrue(Browser.setCookies(callback).stream().anyMatch(c -> c.startsWith("wos-auth-flow-") && c.contains("Max-Age=0")),
        "the flow cookie is deleted: " + Browser.setCookies(callback));
    assertEquals("no-store", callback.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(1, WORKOS.counter("grant.authorization_code"));

    HttpResponse<String> page = browser.page(Browser.location(callback));
    assertEquals(200, page.statusCode(), page.body());
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(page.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Cookie")));
  }

  @Test
  void theApplicationSeesTheUserThroughTheServletApi() {
    signIn("ada@example.com", "/whoami");
    JsonObject me = whoami();
    assertFalse(me.getBoolean("anonymous"));
    assertTrue(me.getString("id").startsWith("user_"), me.toString());
    assertEquals(me.getString("id"), me.getString("remoteUser"));
    assertEquals(me.getString("id"), me.getString("principalName"));
    assertEquals("AUTHKIT", me.getString("authType"));
    assertEquals("ada@example.com", me.getString("email"));
    assertEquals("Ada", me.getString("firstName"));
    assertEquals("Lovelace", me.getString("lastName"));
    assertEquals("Ada Lovelace", me.getString("displayName"));
    assertTrue(me.getBoolean("isMember"));
    assertFalse(me.getBoolean("isAdmin"));
    assertTrue(me.getBoolean("isAnyRole"));
    assertTrue(me.getBoolean("attributeIsPrincipal"));
    assertEquals("member", me.getString("role"));
    assertTrue(me.getString("organizationId").startsWith("org_"), me.toString());
    assertTrue(me.getString("sessionId").startsWith("session_"), me.toString());
    assertEquals(List.of("reports:read:own"), me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(List.of("audit-logs"), me.getJsonArray("entitlements").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(List.of("new-dashboard"), me.getJsonArray("featureFlags").getValuesAs(jakarta.json.JsonString::getString));
    assertFalse(me.getBoolean("impersonated"));
  }

  @Test
  void signUpMappingOpensTheSignUpScreen() {
    HttpResponse<String> login = browser.page(app("/signup"));
    assertEquals(302, login.statusCode());
    assertTrue(Browser.location(login).getRawQuery().contains("screen_hint=sign-up"), Browser.location(login).toString());
    HttpResponse<String> page = browser.page(Browser.location(login));
    assertTrue(page.body().contains("id=\"sign-up\""), page.body());
  }

  // ---------------------------------------------------------------- no session, roles

  @Test
  void apiCallsWithoutSessionGet401Json() {
    for (HttpResponse<String> response : List.of(
        browser.api(app("/api/orders")),
        browser.page(app("/api/orders")), // api-paths never redirect, even for a browser
        browser.send(HttpRequest.newBuilder(app("/whoami")).header("X-Requested-With", "XMLHttpRequest")),
        browser.send(HttpRequest.newBuilder(app("/whoami")).header("Accept", "*/*").header("Sec-Fetch-Mode", "cors")),
        browser.send(HttpRequest.newBuilder(app("/whoami")).header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString("a=1"))))) {
      assertEquals(401, response.statusCode(), response.uri() + " " + response.body());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      // api-paths take bearer access tokens too, and their challenge says so.
      String bearer = response.uri().getPath().contains("/api/") ? ", Bearer realm=\"" + TestApp.CONTEXT + "\"" : "";
      assertEquals("AuthKit realm=\"" + TestApp.CONTEXT + "\"" + bearer,
          response.headers().firstValue("WWW-Authenticate").orElse(""));
      assertEquals("unauthenticated", Browser.json(response).getString("error"));
    }
  }

  @Test
  void publicPathsPassWithoutSessionAndShowTheUserWithOne() {
    HttpResponse<String> anonymous = browser.page(app("/public/about"));
    assertEquals(200, anonymous.statusCode());
    assertTrue(Browser.json(anonymous).getBoolean("anonymous"));

    signIn("ada@example.com", "/whoami");
    HttpResponse<String> known = browser.page(app("/public/about"));
    assertEquals(200, known.statusCode());
    assertEquals("ada@example.com", Browser.json(known).getString("email"));
  }

  @Test
  void corsPreflightsReachOnlyPublicPaths() {
    for (String path : List.of("/api/orders", "/whoami", "/public/about")) {
      HttpResponse<String> response = browser.send(HttpRequest.newBuilder(app(path))
          .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      if (path.startsWith("/public/")) {
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Allow").isPresent(), "the application answered " + path);
      } else {
        assertEquals(403, response.statusCode(), path);
        assertTrue(response.body().contains("\"cors_preflight_refused\""), response.body());
        assertTrue(response.headers().firstValue("Allow").isEmpty(), "the application never ran for " + path);
      }
    }
  }

  @Test
  void rolesAndPermissionsAreEnforcedPerFilter() {
    signIn("ada@example.com", "/whoami");
    HttpResponse<String> adminPage = browser.page(app("/admin/panel"));
    assertEquals(403, adminPage.statusCode());
    assertTrue(adminPage.body().contains("Access denied"), adminPage.body());
    assertEquals(403, browser.api(app("/admin/panel")).statusCode());
    HttpResponse<String> reports = browser.page(app("/reports/api/q1"));
    assertEquals(403, reports.statusCode());
    assertEquals("forbidden", Browser.json(reports).getString("error"));

    browser = newBrowser();
    signIn("grace@example.com", "/whoami");
    HttpResponse<String> granted = browser.page(app("/admin/panel"));
    assertEquals(200, granted.statusCode(), granted.body());
    JsonObject me = Browser.json(granted);
    assertTrue(me.getBoolean("isAdmin"));
    assertTrue(me.getBoolean("hasReportsRead"));
    assertEquals(200, browser.api(app("/reports/api/q1")).statusCode());
  }

  // ---------------------------------------------------------------- refresh

  @Test
  void anExpiredTokenIsRefreshedOnceAndTheNewCookieSet() {
    signIn("ada@example.com", "/whoami");
    String before = whoami().getString("accessTokenDigest");
    String oldCookie = browser.cookie(app("/"), SESSION).orElseThrow();
    advance(Duration.ofMinutes(6));

    HttpResponse<String> refreshed = browser.api(app("/whoami"));
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    String newCookie = Browser.setCookie(refreshed, SESSION).orElseThrow(() -> new AssertionError("no new cookie"));
    assertTrue(newCookie.contains("Max-Age=34560000"), newCookie);
    assertEquals("no-store", refreshed.headers().firstValue("Cache-Control").orElse(""));
    assertNotEquals(oldCookie, browser.cookie(app("/"), SESSION).orElseThrow());
    assertNotEquals(before, Browser.json(refreshed).getString("accessTokenDigest"));
    assertEquals(1, WORKOS.counter("grant.refresh_token"));

    HttpResponse<String> next = browser.api(app("/whoami"));
    assertEquals(200, next.statusCode());
    assertTrue(Browser.setCookie(next, SESSION).isEmpty(), "no refresh while the new token is fresh");
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void concurrentRequestsWithAnExpiredTokenShareOneRefresh() throws Exception {
    signIn("ada@example.com", "/whoami");
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();
    advance(Duration.ofMinutes(6));
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(() -> HTTP.send(HttpRequest.newBuilder(app("/api/me")).header("Accept", "application/json")
            .header("Cookie", SESSION + "=" + cookie).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      Set<String> tokens = new HashSet<>();
      for (Future<HttpResponse<String>> future : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        HttpResponse<String> response = future.get();
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Browser.setCookie(response, SESSION).isPresent(), "each response carries the new session");
        tokens.add(Browser.json(response).getString("accessTokenDigest"));
      }
      assertEquals(1, tokens.size(), "every request got the same new session");
      assertEquals(1, WORKOS.counter("grant.refresh_token"), "exactly one refresh grant");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theOldCookieShortlyAfterARefreshGetsTheRotatedSession() {
    signIn("ada@example.com", "/whoami");
    String oldCookie = browser.cookie(app("/"), SESSION).orElseThrow();
    advance(Duration.ofMinutes(6));
    String rotated = whoami().getString("accessTokenDigest");

    // Another tab still sends the old cookie a moment later.
    Browser otherTab = newBrowser();
    otherTab.setCookie(app("/"), SESSION, oldCookie);
    HttpResponse<String> straggler = otherTab.api(app("/whoami"));
    assertEquals(200, straggler.statusCode(), straggler.body());
    assertEquals(rotated, Browser.json(straggler).getString("accessTokenDigest"));
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void reusingASpentRefreshTokenSignsOutCleanly() {
    signIn("ada@example.com", "/whoami");
    String oldCookie = browser.cookie(app("/"), SESSION).orElseThrow();
    advance(Duration.ofMinutes(6));
    assertEquals(200, browser.api(app("/whoami")).statusCode());
    advance(Duration.ofMinutes(1)); // past the short memory of recent rotations

    Browser replay = newBrowser();
    replay.setCookie(app("/"), SESSION, oldCookie);
    HttpResponse<String> page = replay.page(app("/whoami"));
    assertEquals(302, page.statusCode(), page.body());
    assertTrue(Browser.location(page).getPath().endsWith("/login"), Browser.location(page).toString());
    String cleared = Browser.setCookie(page, SESSION).orElseThrow(() -> new AssertionError("cookie not cleared"));
    assertTrue(cleared.startsWith("wos-session=; Max-Age=0;"), cleared);
    assertTrue(cleared.contains("Path=" + TestApp.CONTEXT), cleared);
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
  }

  /**
   * WorkOS "hangs": the emulator answers only after the application's read timeout (2 s in the
   * test web.xml), so the call fails as a timeout.
   */
  static void workOsHangsOnce(int status) {
    WORKOS.addErrorHook("POST", "/user_management/authenticate", status, "{\"message\":\"injected\"}", 1,
        Duration.ofMillis(2600));
  }

  @Test
  void aWorkOsOutageDuringRefreshServesTheRequestWhileTheTokenIsValid() {
    signIn("ada@example.com", "/whoami");
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();
    // Within the refresh buffer (60 s) of a 300 s token: a refresh is due, but the token still works.
    advance(Duration.ofSeconds(270));
    workOsHangsOnce(500);
    HttpResponse<String> served = browser.api(app("/whoami"));
    assertEquals(200, served.statusCode(), served.body());
    assertTrue(Browser.setCookie(served, SESSION).isEmpty(), "cookie untouched: " + Browser.setCookies(served));
    assertEquals(cookie, browser.cookie(app("/"), SESSION).orElseThrow());

    // WorkOS is back: the next request refreshes.
    HttpResponse<String> back = browser.api(app("/whoami"));
    assertEquals(200, back.statusCode(), back.body());
    assertTrue(Browser.setCookie(back, SESSION).isPresent());
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void aWorkOsOutageAfterExpiryAnswers503AndKeepsTheCookie() {
    signIn("ada@example.com", "/whoami");
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();
    advance(Duration.ofMinutes(6));

    workOsHangsOnce(429);
    HttpResponse<String> unavailable = browser.api(app("/whoami"));
    assertEquals(503, unavailable.statusCode(), unavailable.body());
    assertEquals("unavailable", Browser.json(unavailable).getString("error"));
    assertTrue(unavailable.headers().firstValue("Retry-After").isPresent());
    assertTrue(Browser.setCookie(unavailable, SESSION).isEmpty(), "cookie untouched: " + Browser.setCookies(unavailable));

    workOsHangsOnce(500);
    HttpResponse<String> unavailablePage = browser.page(app("/whoami"));
    assertEquals(503, unavailablePage.statusCode());
    assertTrue(unavailablePage.body().contains("try again"), unavailablePage.body());
    assertTrue(unavailablePage.headers().firstValue("Retry-After").isPresent());
    assertEquals(cookie, browser.cookie(app("/"), SESSION).orElseThrow());

    HttpResponse<String> back = browser.api(app("/whoami"));
    assertEquals(200, back.statusCode(), back.body());
    assertTrue(Browser.setCookie(back, SESSION).isPresent());
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void workOsAnswering500Or429DuringRefreshKeepsTheUserSignedIn() {
    signIn("ada@example.com", "/whoami");
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();

    advance(Duration.ofSeconds(270)); // refresh due, token still valid
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 500, "{\"message\":\"boom\"}", 1, Duration.ZERO);
    HttpResponse<String> served = browser.api(app("/whoami"));
    assertEquals(200, served.statusCode(), served.body());
    assertTrue(Browser.setCookies(served).isEmpty(), "cookie untouched: " + Browser.setCookies(served));

    advance(Duration.ofMinutes(2)); // now expired
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 429, "{\"message\":\"slow down\"}", 1, Duration.ZERO);
    HttpResponse<String> unavailable = browser.api(app("/whoami"));
    assertEquals(503, unavailable.statusCode(), unavailable.body());
    assertTrue(unavailable.headers().firstValue("Retry-After").isPresent());
    assertTrue(Browser.setCookies(unavailable).isEmpty(), "cookie untouched: " + Browser.setCookies(unavailable));
    assertEquals(cookie, browser.cookie(app("/"), SESSION).orElseThrow());

    HttpResponse<String> back = browser.api(app("/whoami"));
    assertEquals(200, back.statusCode(), back.body());
    assertTrue(Browser.setCookie(back, SESSION).isPresent());
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void workOs5xxDuringTheCodeExchangeIsA502() {
    HttpResponse<String> login = browser.page(app("/login"));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD);
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 500, "{\"message\":\"down\"}", 1, Duration.ZERO);
    HttpResponse<String> response = browser.page(Browser.location(toCallback));
    assertEquals(502, response.statusCode(), response.body());
    assertTrue(response.body().contains("Try again"), response.body());
    assertTrue(Browser.setCookie(response, SESSION).isEmpty());
  }

  @Test
  void tokensSignedByARotatedKeyVerifyAfterARefetch() {
    signIn("ada@example.com", "/whoami");
    WORKOS.rotateSigningKey();
    advance(Duration.ofMinutes(6));
    long fetchesBefore = WORKOS.counter("jwks");

    HttpResponse<String> refreshed = browser.api(app("/whoami"));
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    assertTrue(Browser.setCookie(refreshed, SESSION).isPresent());
    assertEquals(fetchesBefore + 1, WORKOS.counter("jwks"), "one refetch for the unknown key id");

    HttpResponse<String> again = browser.api(app("/whoami"));
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(fetchesBefore + 1, WORKOS.counter("jwks"), "the new key is cached");
  }

  @Test
  void requestsKeepWorkingWhileTheJwksEndpointIsDown() {
    signIn("ada@example.com", "/whoami");
    WORKOS.addErrorHook("GET", "/sso/jwks/*", 503, null, 0, Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = browser.api(app("/whoami"));
      assertEquals(200, response.statusCode(), response.body());
    }
    assertTrue(Browser.setCookies(browser.api(app("/whoami"))).isEmpty(), "nothing cleared");
  }

  @Test
  void anotherServerWithTheSameCookiePasswordServesTheSameCookie() {
    signIn("ada@example.com", "/whoami");
    JsonObject here = whoami();
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();
    URI there = URI.create(twin.toString()).resolve("whoami");

    Browser elsewhere = newBrowser();
    elsewhere.setCookie(there, SESSION, cookie);
    HttpResponse<String> response = elsewhere.api(there);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(here.getString("id"), Browser.json(response).getString("id"));
    assertEquals(here.getString("accessTokenDigest"), Browser.json(response).getString("accessTokenDigest"));

    // Either server can refresh it.
    advance(Duration.ofMinutes(6));
    HttpResponse<String> refreshed = elsewhere.api(there);
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    assertTrue(Browser.setCookie(refreshed, SESSION).orElseThrow().contains("Path=/authkit-twin"));
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  // ---------------------------------------------------------------- callback errors

  @Test
  void workOsErrorParametersShowAnEscapedErrorPage() {
    HttpResponse<String> response = browser.page(app(
        "/callback?error=access_denied&error_description=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8)));
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), response.body());
    assertFalse(response.body().contains("<script>"), response.body());
    assertTrue(response.body().contains("href=\"" + TestApp.CONTEXT + "/login\""), response.body());
  }

  @Test
  void aMismatchedOrMissingStateNeverSignsInButStartsASignIn() {
    HttpResponse<String> login = browser.page(app("/login"));
    assertEquals(302, login.statusCode());
    for (HttpResponse<String> callback : List.of(browser.page(app("/callback?code=abc&state=forged-state")),
        browser.page(app("/callback?code=abc")), newBrowser().page(app("/callback?code=abc&state=x")))) {
      assertEquals(302, callback.statusCode(), callback.body());
      assertEquals(app("/login?restarted=1"), Browser.location(callback));
      assertTrue(Browser.setCookie(callback, SESSION).isEmpty());
    }
    assertEquals(0, WORKOS.counter("grant.authorization_code"), "no code was exchanged");
  }

  @Test
  void aReplayedCodeIsRejected() {
    HttpResponse<String> login = browser.page(app("/login"));
    String flowName = browser.cookies(app("/")).keySet().stream().filter(n -> n.startsWith("wos-auth-flow-")).findFirst().orElseThrow();
    String flowValue = browser.cookie(app("/"), flowName).orElseThrow();
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD);
    URI callback = Browser.location(toCallback);
    assertEquals(302, browser.page(callback).statusCode());

    // Same link again: the flow cookie is gone, so the code is not even tried: sign in afresh.
    assertEquals(302, browser.page(callback).statusCode());
    assertEquals(1, WORKOS.counter("grant.authorization_code"));
    // Even with the flow cookie put back, WorkOS refuses the used code.
    Browser attacker = newBrowser();
    attacker.setCookie(app("/"), flowName, flowValue);
    HttpResponse<String> replay = attacker.page(callback);
    assertEquals(400, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("invalid_grant"), replay.body());
    assertTrue(Browser.setCookie(replay, SESSION).isEmpty());
  }

  @Test
  void workOsHangingDuringTheCodeExchangeIsA503() {
    HttpResponse<String> login = browser.page(app("/login"));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD);
    workOsHangsOnce(500);
    HttpResponse<String> response = browser.page(Browser.location(toCallback));
    assertEquals(503, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Retry-After").isPresent());
    assertTrue(response.body().contains("Try again"), response.body());
  }

  @Test
  void severalTabsMaySignInAtOnceAndOldFlowsArePruned() {
    List<HttpResponse<String>> logins = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      logins.add(browser.page(app("/login?returnTo=/whoami?tab=" + i)));
    }
    long flows = browser.cookies(app("/")).keySet().stream().filter(n -> n.startsWith("wos-auth-flow-")).count();
    assertEquals(3, flows, browser.cookies(app("/")).keySet().toString());
    // The newest tab finishes first, then the one before it: both work.
    for (int i = 4; i >= 3; i--) {
      HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(logins.get(i))),
          "ada@example.com", PASSWORD);
      HttpResponse<String> callback = browser.page(Browser.location(toCallback));
      assertEquals(302, callback.statusCode(), callback.body());
      assertEquals(app("/whoami?tab=" + i), Browser.location(callback));
    }
  }

  @Test
  void hostileReturnPathsEndAtTheApplicationRoot() {
    HttpResponse<String> login = browser.page(app("/login?returnTo=" + URLEncoder.encode("//evil.example/x", StandardCharsets.UTF_8)));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD);
    HttpResponse<String> callback = browser.page(Browser.location(toCallback));
    assertEquals(app("/"), Browser.location(callback));
  }

  // ---------------------------------------------------------------- logout

  @Test
  void logoutEndsTheWorkOsSessionAndTheOldCookieDiesWithItsToken() {
    signIn("ada@example.com", "/whoami");
    String sessionId = whoami().getString("sessionId");
    String oldCookie = browser.cookie(app("/"), SESSION).orElseThrow();

    HttpResponse<String> logout = browser.page(app("/logout"));
    assertEquals(302, logout.statusCode());
    URI workosLogout = Browser.location(logout);
    assertTrue(workosLogout.toString().startsWith(WORKOS.baseUrl() + "/user_management/sessions/logout?"), workosLogout.toString());
    assertTrue(workosLogout.getRawQuery().contains("session_id=" + sessionId), workosLogout.toString());
    assertTrue(workosLogout.getRawQuery().contains("return_to=" + URLEncoder.encode(app("/").toString(), StandardCharsets.UTF_8)),
        workosLogout.toString());
    assertTrue(Browser.setCookie(logout, SESSION).orElseThrow().contains("Max-Age=0"));
    assertEquals("no-store", logout.headers().firstValue("Cache-Control").orElse(""));

    HttpResponse<String> back = browser.page(workosLogout);
    assertEquals(302, back.statusCode());
    assertEquals(app("/"), Browser.location(back));
    assertEquals(1, WORKOS.counter("logout"));
    assertEquals(302, browser.page(app("/whoami")).statusCode(), "signed out in this browser");

    // The session ended on this server and at WorkOS: a copy of the old cookie is refused at once,
    // and later, when it would refresh, WorkOS refuses too.
    assertEquals(1, WORKOS.counter("revoke"));
    Browser copy = newBrowser();
    copy.setCookie(app("/"), SESSION, oldCookie);
    HttpResponse<String> refused = copy.api(app("/whoami"));
    assertEquals(401, refused.statusCode(), refused.body());
    assertTrue(Browser.setCookie(refused, SESSION).orElseThrow().contains("Max-Age=0"));
    Browser later = newBrowser();
    later.setCookie(app("/"), SESSION, oldCookie);
    advance(Duration.ofMinutes(6));
    HttpResponse<String> dead = later.api(app("/whoami"));
    assertEquals(401, dead.statusCode(), dead.body());
    assertTrue(Browser.setCookie(dead, SESSION).orElseThrow().contains("Max-Age=0"));
  }

  @Test
  void logoutSignsOutWhenWorkOsCannotRevokeTheSession() {
    signIn("ada@example.com", "/whoami");
    String oldCookie = browser.cookie(app("/"), SESSION).orElseThrow();
    WORKOS.addErrorHook("POST", "/user_management/sessions/revoke", 503, null, 1, Duration.ZERO);

    HttpResponse<String> logout = browser.page(app("/logout"));
    assertEquals(302, logout.statusCode());
    assertTrue(Browser.location(logout).toString().startsWith(WORKOS.baseUrl() + "/user_management/sessions/logout?"));
    assertTrue(Browser.setCookie(logout, SESSION).orElseThrow().contains("Max-Age=0"));
    assertEquals(0, WORKOS.counter("revoke"));
    assertEquals(1, WORLD.logs.linesContainingAny(List.of("could not revoke a session at WorkOS")).size(),
        "one WARNING about the failed revocation: " + WORLD.logs.lines());

    // WorkOS still holds the session (its logout page was never visited): the copy is refused here
    // all the same, also once its token expired and a refresh would have worked.
    Browser copy = newBrowser();
    copy.setCookie(app("/"), SESSION, oldCookie);
    assertEquals(401, copy.api(app("/whoami")).statusCode());
    advance(Duration.ofMinutes(6));
    assertEquals(401, copy.api(app("/whoami")).statusCode());
    assertEquals(0, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void logoutWorksWithAnExpiredTokenAndWithoutASession() {
    signIn("ada@example.com", "/whoami");
    advance(Duration.ofHours(2));
    HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(app("/logout")).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(302, logout.statusCode());
    assertTrue(Browser.location(logout).getRawQuery().contains("session_id=session_"), Browser.location(logout).toString());

    HttpResponse<String> anonymous = newBrowser().page(app("/logout"));
    assertEquals(302, anonymous.statusCode());
    assertEquals(app("/"), Browser.location(anonymous));
  }

  // ---------------------------------------------------------------- hostile input

  @Test
  void garbageCookiesAreNoSessionAndGetCleared() {
    for (String value : List.of("", "x", "Fe26.2*1*a*b*c*d*e*f", "Fe26.2**" + "A".repeat(3000), "%00%0d%0a")) {
      Browser b = newBrowser();
      b.setCookie(app("/"), SESSION, value);
      HttpResponse<String> response = b.api(app("/whoami"));
      assertEquals(401, response.statusCode(), value + " -> " + response.body());
      if (!value.isEmpty()) {
        assertTrue(Browser.setCookie(response, SESSION).orElse("").contains("Max-Age=0"), value);
      }
    }
  }

  @Test
  void pathTricksCannotReachAProtectedPageAnonymously() {
    for (String path : List.of("/public/../whoami", "/public/..;/whoami", "/whoami;jsessionid=1", "/%77hoami",
        "/public/%2e%2e/whoami", "/public/..%2Fwhoami", "/public/%5C../whoami", "/admin;x=1/panel", "//whoami")) {
      HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
          .header("Accept", "application/json"));
      assertTrue(response.statusCode() == 401 || response.statusCode() == 400 || response.statusCode() == 404,
          path + " -> " + response.statusCode() + " " + response.body());
    }
  }
}
