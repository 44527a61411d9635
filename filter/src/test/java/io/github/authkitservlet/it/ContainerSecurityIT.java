package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
 * AuthKit as the container's own authentication (AuthKitSecurityListener and its Jakarta
 * Authentication module) on embedded Tomcat 10.1: no AuthKit filter, only web.xml security
 * constraints; signing in against the emulator over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerSecurityIT {

  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String CONTEXT = "/authkit-container";
  static final String PASSWORD = "authkit-demo";
  static final String SESSION = "wos-session";
  static final String API_KEY = "sk_demo_reports_0123456789abcdef";
  final List<String> tokens = new ArrayList<>();

  @ArquillianResource
  URL base;

  Browser browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.containerSecured(WORKOS, CONTEXT);
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

  @AfterEach
  void nothingSecretWasLogged() {
    List<String> secrets = new ArrayList<>(tokens);
    secrets.add(API_KEY);
    WORLD.assertNothingSecretLogged(secrets);
  }

  Browser newBrowser() {
    return WORLD.newBrowser();
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** Walks the sign-in from a constrained page; returns the page finally shown. */
  HttpResponse<String> signIn(Browser who, String email, String path) {
    HttpResponse<String> first = who.page(app(path));
    assertEquals(302, first.statusCode(), "a constrained page sends a signed-out visitor to sign in: " + first.body());
    assertEquals(app("/login?returnTo=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8)),
        Browser.location(first));
    HttpResponse<String> signInPage = who.follow(first);
    assertTrue(signInPage.uri().toString().startsWith(WORKOS.baseUrl()), signInPage.uri().toString());
    return who.follow(who.submitSignIn(signInPage, email, PASSWORD));
  }

  HttpResponse<String> withBearer(String path, String credential) {
    tokens.add(credential);
    return newBrowser().send(HttpRequest.newBuilder(app(path)).header("Accept", "application/json")
        .header("Authorization", "Bearer " + credential).GET());
  }

  // ---------------------------------------------------------------- constrained resources

  @Test
  void signedOutVisitorsAreSentToSignInAndScriptsGet401() {
    HttpResponse<String> api = browser.api(app("/api/orders"));
    assertEquals(401, api.statusCode(), api.body());
    assertTrue(Browser.json(api).getString("error").equals("unauthenticated"), api.body());
    assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").contains("Bearer"), api.headers().toString());
    assertEquals(302, browser.page(app("/admin/panel")).statusCode());
  }

  @Test
  void aSignedInUserIsTheContainersCallerWithWorkOsRolesAndPermissions() {
    HttpResponse<String> page = signIn(browser, "ada@example.com", "/secure/page");
    assertEquals(app("/secure/page"), page.uri(), "back where she started");
    assertEquals(200, page.statusCode(), page.body());
    JsonObject me = Browser.json(page);
    assertEquals("ada@example.com", me.getString("email"));
    assertEquals("AUTHKIT", me.getString("authType"));
    assertEquals(me.getString("id"), me.getString("remoteUser"));
    assertEquals("SESSION_COOKIE", me.getString("credentialType"));
    assertTrue(me.getBoolean("isMember"));
    assertFalse(me.getBoolean("isAdmin"));
    assertFalse(me.getBoolean("canReadReports"));
    assertTrue(me.getBoolean("attributeIsPrincipal"));
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void theContainersRolesDecide403() {
    signIn(browser, "ada@example.com", "/secure/page");
    assertEquals(403, browser.page(app("/admin/panel")).statusCode(), "ada is no admin");
    assertEquals(403, browser.page(app("/reports/q1")).statusCode(), "ada lacks reports:read");

    Browser grace = newBrowser();
    signIn(grace, "grace@example.com", "/admin/panel");
    HttpResponse<String> admin = grace.api(app("/admin/panel"));
    assertEquals(200, admin.statusCode(), admin.body());
    assertTrue(Browser.json(admin).getBoolean("isAdmin"));
    HttpResponse<String> reports = grace.api(app("/reports/q1"));
    assertEquals(200, reports.statusCode(), "role permission:reports:read: " + reports.body());
    assertTrue(Browser.json(reports).getBoolean("canReadReports"));
  }

  // ---------------------------------------------------------------- unconstrained resources

  @Test
  void unconstrainedPagesShowTheUserWithoutRequiringOne() {
    HttpResponse<String> anonymous = browser.api(app("/whoami"));
    assertEquals(200, anonymous.statusCode(), anonymous.body());
    assertTrue(Browser.json(anonymous).getBoolean("anonymous"));
    assertTrue(anonymous.headers().firstValue("Set-Cookie").isEmpty(), "nothing set for nobody");

    signIn(browser, "ada@example.com", "/secure/page");
    JsonObject me = Browser.json(browser.api(app("/whoami")));
    assertFalse(me.getBoolean("anonymous"), me.toString());
    assertEquals("ada@example.com", me.getString("email"));
    assertTrue(me.getBoolean("isMember"));
  }

  @Test
  void aGarbageCookieOnAnUnconstrainedPageIsNoUserAndIsCleared() {
    browser.setCookie(app("/"), SESSION, "Fe26.2*1*garbage~2");
    HttpResponse<String> page = browser.api(app("/public/about"));
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(Browser.json(page).getBoolean("anonymous"));
    assertTrue(Browser.setCookie(page, SESSION).orElse("").startsWith(SESSION + "=; Max-Age=0;"),
        Browser.setCookies(page).toString());
  }

  // ---------------------------------------------------------------- refresh and sign-out

  @Test
  void aSessionDueForRefreshIsRefreshedAndResealedOnAConstrainedPage() {
    signIn(browser, "ada@example.com", "/secure/page");
    String before = browser.cookie(app("/"), SESSION).orElseThrow();
    WORLD.advance(Duration.ofSeconds(250));

    HttpResponse<String> page = browser.api(app("/secure/page"));

    assertEquals(200, page.statusCode(), page.body());
    assertEquals(1, WORKOS.counter("grant.refresh_token"));
    String after = Browser.setCookie(page, SESSION).orElseThrow(() -> new AssertionError(Browser.setCookies(page)));
    assertFalse(after.startsWith(SESSION + "=" + before), "a new seal");
    assertTrue(after.contains("HttpOnly") && after.contains("Path=" + CONTEXT), after);
  }

  @Test
  void signOutThroughTheLogoutServletEndsTheSession() {
    signIn(browser, "ada@example.com", "/secure/page");
    HttpResponse<String> logout = browser.page(app("/logout"));
    assertEquals(302, logout.statusCode(), logout.body());
    assertTrue(Browser.location(logout).toString().startsWith(WORKOS.baseUrl()), Browser.location(logout).toString());
    assertEquals(302, browser.page(app("/secure/page")).statusCode(), "signed out: sent to sign in again");
  }

  // ---------------------------------------------------------------- bearer credentials

  @Test
  void anAccessTokenIsTheCallerOnApiPathsAndNothingIsSet() {
    String token = WORKOS.issueSession("grace@example.com").accessToken();
    HttpResponse<String> api = withBearer("/api/orders", token);
    assertEquals(200, api.statusCode(), api.body());
    JsonObject me = Browser.json(api);
    assertEquals("ACCESS_TOKEN", me.getString("credentialType"));
    assertTrue(me.getBoolean("isAdmin"));
    assertEquals("AUTHKIT", me.getString("authType"));
    assertTrue(api.headers().allValues("Set-Cookie").isEmpty(), api.headers().toString());

    HttpResponse<String> admin = withBearer("/admin/panel", token);
    assertEquals(401, admin.statusCode(), "outside api-paths a token is no credential, and a program is never"
        + " redirected: " + admin.body());
  }

  @Test
  void anApiKeyIsItsOrganizationWithItsPermissions() {
    HttpResponse<String> api = withBearer("/api/orders", API_KEY);
    assertEquals(200, api.statusCode(), api.body());
    JsonObject me = Browser.json(api);
    assertEquals("API_KEY", me.getString("credentialType"));
    assertTrue(me.getString("id").startsWith("org_"), me.toString());
    assertTrue(me.getString("apiKeyId").startsWith("api_key_"), me.toString());
    assertTrue(me.getBoolean("canReadReports"));
    assertFalse(me.getBoolean("isAdmin"));
    assertEquals(1, WORKOS.counter("api_key_validation"));
    withBearer("/api/orders", API_KEY);
    assertEquals(1, WORKOS.counter("api_key_validation"), "remembered");
  }

  @Test
  void aBadCredentialIs401InvalidTokenWithoutDetail() {
    HttpResponse<String> api = withBearer("/api/orders", "not.a.token");
    assertEquals(401, api.statusCode(), api.body());
    assertEquals("Bearer realm=\"" + CONTEXT + "\", error=\"invalid_token\"",
        api.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("invalid_token", Browser.json(api).getString("error"));
    assertTrue(api.headers().allValues("Set-Cookie").isEmpty());
  }
}
