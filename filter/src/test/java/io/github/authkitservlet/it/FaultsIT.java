package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
 * Faults AuthKitFilterIT does not drive: clock skew between the application and
 * WorkOS, WorkOS hanging far longer than the read timeout, and the JWKS endpoint down before the
 * application ever fetched a key. The test deployment sets a 2 s read timeout and keeps the
 * default 30 s clock leeway and 60 s refresh buffer; access tokens live 300 s.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FaultsIT {

  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String PASSWORD = "authkit-demo";
  static final String SESSION = "wos-session";

  @ArquillianResource
  @OperateOnDeployment("app")
  URL base;

  /** An application only the JWKS test uses, so it has never fetched a signing key. */
  @ArquillianResource
  @OperateOnDeployment("fresh")
  URL fresh;

  @Deployment(name = "app", testable = false, order = 1)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, "/authkit-faults");
  }

  @Deployment(name = "fresh", testable = false, order = 2)
  static WebArchive freshDeployment() {
    return TestApp.war(WORKOS, "/authkit-fresh");
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
    SharedTestClock.INSTANCE.reset();
    WORLD.assertNothingSecretLogged(List.of());
  }

  Browser newBrowser() {
    return WORLD.newBrowser();
  }

  static URI at(URL root, String path) {
    return URI.create(root.toString()).resolve(path.substring(1));
  }

  Browser signedIn(URL root) {
    Browser browser = newBrowser();
    HttpResponse<String> signInPage = browser.follow(browser.page(at(root, "/whoami")));
    HttpResponse<String> page = browser.follow(browser.submitSignIn(signInPage, "ada@example.com", PASSWORD));
    assertEquals(200, page.statusCode(), page.body());
    return browser;
  }

  /** Moves both clocks: skew set up before stays as it is. */
  static void advanceBoth(Duration by) {
    WORLD.advance(by);
  }

  // ---------------------------------------------------------------- clock skew

  @Test
  void aSkewWithinTheLeewayCausesNoRefreshStorm() {
    for (Duration skew : List.of(Duration.ofSeconds(25), Duration.ofSeconds(-25))) {
      WORKOS.reset();
      SharedTestClock.INSTANCE.reset();
      SharedTestClock.INSTANCE.advance(skew); // the application's clock only
      Browser browser = signedIn(base);
      for (int i = 0; i < 5; i++) {
        assertEquals(200, browser.api(at(base, "/whoami")).statusCode(), "skew " + skew);
      }
      assertEquals(0, WORKOS.counter("grant.refresh_token"), "skew " + skew + ": a fresh token is not refreshed");

      advanceBoth(Duration.ofMinutes(6)); // expired on both clocks
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> response = browser.api(at(base, "/whoami"));
        assertEquals(200, response.statusCode(), "skew " + skew + ": " + response.body());
      }
      assertEquals(1, WORKOS.counter("grant.refresh_token"), "skew " + skew + ": one refresh, then the new token is used");
    }
  }

  /**
   * The leeway (30 s) is how long past its expiry, by the application's clock, a token is still
   * served while WorkOS cannot be reached. Application 20 s ahead: a token WorkOS considers valid
   * for 10 more seconds looks 10 s expired here, within the leeway, so the user is served.
   */
  @Test
  void whileWorkOsIsDownASkewWithinTheLeewayStillServesTheUser() {
    SharedTestClock.INSTANCE.advance(Duration.ofSeconds(20));
    Browser browser = signedIn(base);
    advanceBoth(Duration.ofSeconds(290));
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 500, "{\"message\":\"down\"}", 1, Duration.ZERO);
    HttpResponse<String> served = browser.api(at(base, "/whoami"));
    assertEquals(200, served.statusCode(), served.body());
    assertTrue(Browser.setCookies(served).isEmpty(), "cookie untouched: " + Browser.setCookies(served));
  }

  /**
   * Beyond the leeway (application 45 s ahead, so the same token looks 35 s expired): with
   * WorkOS down the answer is 503 with Retry-After and the cookie is kept, as documented for an
   * expired token; the next request, with WorkOS back, refreshes.
   */
  @Test
  void whileWorkOsIsDownASkewBeyondTheLeewayAnswers503AndKeepsTheCookie() {
    SharedTestClock.INSTANCE.advance(Duration.ofSeconds(45));
    Browser browser = signedIn(base);
    String cookie = browser.cookie(at(base, "/"), SESSION).orElseThrow();
    advanceBoth(Duration.ofSeconds(290));
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 500, "{\"message\":\"down\"}", 1, Duration.ZERO);
    HttpResponse<String> unavailable = browser.api(at(base, "/whoami"));
    assertEquals(503, unavailable.statusCode(), unavailable.body());
    assertTrue(unavailable.headers().firstValue("Retry-After").isPresent());
    assertEquals(cookie, browser.cookie(at(base, "/"), SESSION).orElseThrow());

    HttpResponse<String> back = browser.api(at(base, "/whoami"));
    assertEquals(200, back.statusCode(), back.body());
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
  }

  // ---------------------------------------------------------------- slow WorkOS

  /**
   * WorkOS hangs for 12 s during a refresh (AuthKitFilterIT's hang is just over the timeout):
   * the request thread is released after about the 2 s read timeout, not after the hang.
   */
  @Test
  void aLongHangDuringRefreshIsCutAtTheReadTimeout() {
    Browser browser = signedIn(base);
    advanceBoth(Duration.ofMinutes(6));
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 500, "{\"message\":\"slow\"}", 1, Duration.ofSeconds(12));
    long started = System.nanoTime();
    HttpResponse<String> response = browser.api(at(base, "/whoami"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(503, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Retry-After").isPresent());
    // Generous bound (read timeout + 5 s): the point is that it is far below the 12 s hang.
    assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "took " + took);
  }

  // ---------------------------------------------------------------- JWKS down, nothing cached

  @Test
  void theJwksEndpointDownBeforeAnyKeyIsCachedGivesAClearAnswer() {
    WORKOS.addErrorHook("GET", "/sso/jwks/*", 503, null, 0, Duration.ZERO);
    Browser browser = newBrowser();
    HttpResponse<String> signInPage = browser.follow(browser.page(at(fresh, "/whoami")));
    HttpResponse<String> callback = browser.page(Browser.location(browser.submitSignIn(signInPage, "ada@example.com", PASSWORD)));
    assertNotEquals(500, callback.statusCode(), callback.body());

    HttpResponse<String> page = browser.follow(callback);
    assertEquals(503, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("Retry-After").isPresent());
    assertTrue(page.body().contains("try again"), page.body());
    HttpResponse<String> api = browser.api(at(fresh, "/whoami"));
    assertEquals(503, api.statusCode(), api.body());
    assertEquals("unavailable", Browser.json(api).getString("error"));
  }
}
