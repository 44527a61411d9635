package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.it.app.RecordingListener;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
 * The application's listeners ({@code workos.listeners}) on embedded Tomcat against the emulator:
 * what they hear of sign-ins (with the sign-in link's own {@code state}), refreshes and sign-outs,
 * and a listener refusing a sign-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInHooksIT {

  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String CONTEXT = "/authkit-hooks";
  static final String SESSION = "wos-session";

  @ArquillianResource
  URL base;

  Browser browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT, CONTEXT + "/callback", "",
            "<context-param><param-name>workos.listeners</param-name><param-value>"
                + RecordingListener.class.getName() + "</param-value></context-param>")
        .addClass(RecordingListener.class);
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
    ListenerLog.clear();
    browser = WORLD.newBrowser();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged();
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.substring(1));
  }

  /** Signs in from {@code /login?…}; returns the callback's answer. */
  HttpResponse<String> signInFrom(String loginQuery, String email) {
    HttpResponse<String> login = browser.page(app("/login?" + loginQuery));
    assertEquals(302, login.statusCode(), login.body());
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), email, "authkit-demo");
    return browser.page(Browser.location(toCallback));
  }

  @Test
  void aSignInIsHeardWithItsStateWhichNeverCrossesTheBrowserInClear() {
    String state = "invite=7f3a9c";
    HttpResponse<String> login = browser.page(app("/login?returnTo=/whoami&state=" + URLEncoder.encode(state,
        StandardCharsets.UTF_8)));
    URI authorize = Browser.location(login);
    assertFalse(authorize.toString().contains("7f3a9c"), "not sent to WorkOS: " + authorize);
    assertTrue(Browser.setCookies(login).stream().noneMatch(c -> c.contains("7f3a9c")), "sealed in the flow cookie");
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(authorize), "grace@example.com", "authkit-demo");
    assertFalse(Browser.location(toCallback).toString().contains("7f3a9c"), "not in the callback's address");
    HttpResponse<String> callback = browser.page(Browser.location(toCallback));

    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(app("/whoami"), Browser.location(callback));
    List<String> heard = ListenerLog.lines();
    assertEquals(1, heard.size(), heard.toString());
    assertTrue(heard.get(0).matches("signedIn grace@example\\.com Password org_\\S+ invite=7f3a9c - "
        + CONTEXT + "/callback"), heard.get(0));
  }

  @Test
  void aListenerThatThrowsRefusesTheSignIn() {
    HttpResponse<String> callback = signInFrom("state=refuse", "ada@example.com");

    assertEquals(403, callback.statusCode(), callback.body());
    assertTrue(callback.body().contains("Sign-in not accepted"), callback.body());
    assertTrue(callback.body().contains("id=\"try-again\" href=\"" + CONTEXT + "/login\""), callback.body());
    assertTrue(Browser.setCookie(callback, SESSION).isEmpty(), "no session cookie");
    assertEquals(1, WORKOS.counter("revoke"), "the WorkOS session nobody holds is ended");
    assertEquals(401, browser.api(app("/api/orders")).statusCode(), "not signed in");
    assertTrue(WORLD.logs.lines().stream().anyMatch(line -> line.contains("AuthKit listener "
        + RecordingListener.class.getName() + " refused a sign-in") && line.contains("IllegalStateException")
        && line.contains("this application does not take such sign-ins")), WORLD.logs.lines().toString());
  }

  @Test
  void aStateTooLongToCarryIsRefusedBeforeWorkOs() {
    HttpResponse<String> login = browser.page(app("/login?state=" + "s".repeat(300)));
    assertEquals(400, login.statusCode(), login.body());
    assertTrue(login.body().contains("256 bytes"), login.body());
    assertTrue(login.headers().firstValue("Location").isEmpty());
  }

  @Test
  void refreshesAreHeardAsTheySucceedFailForNowOrSignOut() {
    signInFrom("returnTo=/whoami", "ada@example.com");
    ListenerLog.clear();

    WORLD.advance(Duration.ofSeconds(250)); // within the 60 s refresh buffer of the 300 s token
    assertEquals(200, browser.api(app("/whoami")).statusCode());
    assertEquals(List.of("refreshed SUCCEEDED ada@example.com null"), ListenerLog.lines());

    WORLD.advance(Duration.ofSeconds(250));
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 503, null, 1, Duration.ZERO);
    assertEquals(200, browser.api(app("/whoami")).statusCode(), "served while the token is valid");
    WORLD.advance(Duration.ofSeconds(120));
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 503, null, 1, Duration.ZERO);
    assertEquals(503, browser.api(app("/whoami")).statusCode(), "expired and WorkOS down");
    assertEquals(List.of("refreshed SUCCEEDED ada@example.com null",
        "refreshed FAILED_TEMPORARILY ada@example.com workos_unavailable_503",
        "refreshed FAILED_TEMPORARILY - workos_unavailable_503"), ListenerLog.lines());

    WORKOS.revokeSession(Browser.json(whoamiAfterRecovery()).getString("sessionId"));
    ListenerLog.clear();
    WORLD.advance(Duration.ofSeconds(400));
    assertEquals(401, browser.api(app("/whoami")).statusCode());
    assertEquals(List.of("refreshed SIGNED_OUT - invalid_grant"), ListenerLog.lines());
  }

  private HttpResponse<String> whoamiAfterRecovery() {
    HttpResponse<String> me = browser.api(app("/whoami"));
    assertEquals(200, me.statusCode(), me.body());
    return me;
  }

  @Test
  void aSignOutIsHeardWithTheUserAndSession() {
    signInFrom("returnTo=/whoami", "ada@example.com");
    String userId = Browser.json(browser.api(app("/whoami"))).getString("id");
    ListenerLog.clear();

    HttpResponse<String> logout = browser.page(app("/logout"));
    assertEquals(302, logout.statusCode());
    assertEquals(List.of("signedOut " + userId + " true"), ListenerLog.lines());
  }
}
