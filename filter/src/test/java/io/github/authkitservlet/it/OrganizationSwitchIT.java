package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.AuthKitOrganizationServlet;
import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.HostedPageForm;
import io.github.authkitservlet.it.app.OrganizationsServlet;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Organization switching on embedded Tomcat against the emulator: Linus (member of Example Corp,
 * admin of Analytical Engines) lists his organizations and switches, and the admin-only filter lets
 * him in at once; a non-member, another site, a GET and WorkOS asking for SSO get what they should.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrganizationSwitchIT {

  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String CONTEXT = "/authkit-orgs";
  static final String SESSION = "wos-session";

  @ArquillianResource
  URL base;

  Browser browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT, CONTEXT + "/callback", "", """
            <servlet><servlet-name>switch</servlet-name><servlet-class>%s</servlet-class></servlet>
            <servlet-mapping><servlet-name>switch</servlet-name><url-pattern>/switch-organization</url-pattern></servlet-mapping>
            <servlet><servlet-name>organizations</servlet-name><servlet-class>%s</servlet-class></servlet>
            <servlet-mapping><servlet-name>organizations</servlet-name><url-pattern>/organizations</url-pattern></servlet-mapping>
            """.formatted(AuthKitOrganizationServlet.class.getName(), OrganizationsServlet.class.getName()))
        .addClass(OrganizationsServlet.class);
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
    browser = WORLD.newBrowser();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged();
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.substring(1));
  }

  void signIn(String email) {
    HttpResponse<String> login = browser.page(app("/login?returnTo=/whoami"));
    HttpResponse<String> landed = browser.follow(browser.page(Browser.location(
        browser.submitSignIn(browser.page(Browser.location(login)), email, "authkit-demo"))));
    assertEquals(200, landed.statusCode(), landed.body());
  }

  JsonObject whoami() {
    HttpResponse<String> me = browser.api(app("/whoami"));
    assertEquals(200, me.statusCode(), me.body());
    return Browser.json(me);
  }

  /** The organizations the picker offers: name to id, and which is current. */
  Map<String, JsonObject> organizations() {
    HttpResponse<String> listed = browser.api(app("/organizations"));
    assertEquals(200, listed.statusCode(), listed.body());
    return Browser.json(listed).getJsonArray("organizations").getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(o -> o.getString("name"), o -> o));
  }

  /** A form on the application's own page posting to the organization servlet. */
  HttpResponse<String> switchTo(String organizationId, String returnTo, String fetchSite) {
    String form = "organization_id=" + URLEncoder.encode(organizationId, StandardCharsets.UTF_8)
        + "&returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    return browser.send(HttpRequest.newBuilder(app("/switch-organization"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", Browser.HTML)
        .header("Sec-Fetch-Site", fetchSite).POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  @Test
  void linusSwitchesToTheOrganizationHeAdministersAndAdminOpensAtOnce() {
    signIn("linus@example.com");
    JsonObject before = whoami();
    assertEquals("member", before.getString("role"));
    assertEquals(403, browser.page(app("/admin/panel")).statusCode());

    Map<String, JsonObject> organizations = organizations();
    assertEquals(2, organizations.size(), organizations.toString());
    JsonObject engines = organizations.get("Analytical Engines");
    JsonObject example = organizations.get("Example Corp");
    assertEquals("admin", engines.getString("role"));
    assertEquals("member", example.getString("role"));
    assertTrue(example.getBoolean("current"));
    assertFalse(engines.getBoolean("current"));
    assertEquals(before.getString("organizationId"), example.getString("id"));
    // Kept by the application for a minute (across tests too: the emulator's counters start afresh, the list not).
    long listings = WORKOS.counter("organization_memberships.list");
    assertTrue(listings <= 1, "listed at most once: " + listings);

    HttpResponse<String> switched = switchTo(engines.getString("id"), "/admin/panel", "same-origin");
    assertEquals(302, switched.statusCode(), switched.body());
    assertEquals(app("/admin/panel"), Browser.location(switched));
    assertTrue(Browser.setCookie(switched, SESSION).isPresent(), "the cookie is resealed");
    assertEquals("no-store", switched.headers().firstValue("Cache-Control").orElse(""));

    HttpResponse<String> admin = browser.page(Browser.location(switched));
    assertEquals(200, admin.statusCode(), admin.body());
    JsonObject after = whoami();
    assertEquals(engines.getString("id"), after.getString("organizationId"));
    assertEquals("admin", after.getString("role"));
    assertTrue(after.getBoolean("isAdmin"));
    assertEquals(List.of("reports:read", "reports:write", "users:manage"),
        after.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(before.getString("sessionId"), after.getString("sessionId"), "the same WorkOS session");
    assertTrue(organizations().get("Analytical Engines").getBoolean("current"));
    assertEquals(listings, WORKOS.counter("organization_memberships.list"), "the picker's list served the switch");

    WORLD.advance(Duration.ofSeconds(250));
    assertEquals("admin", whoami().getString("role"), "a later refresh stays in Analytical Engines");
  }

  @Test
  void aNonMemberGetsA403AndKeepsTheSession() {
    signIn("linus@example.com");
    String engines = organizations().get("Analytical Engines").getString("id");
    browser = WORLD.newBrowser();
    signIn("ada@example.com");
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();

    HttpResponse<String> refused = switchTo(engines, "/whoami", "same-origin");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("Not a member of that organization"), refused.body());
    assertTrue(refused.body().contains("id=\"try-again\" href=\"" + CONTEXT + "/whoami\""), refused.body());
    assertTrue(Browser.setCookie(refused, SESSION).isEmpty(), "the session cookie is kept as it was");
    assertEquals(cookie, browser.cookie(app("/"), SESSION).orElseThrow());
    assertEquals("member", whoami().getString("role"));
    assertEquals(0, WORKOS.counter("grant.refresh_token"), "no refresh token spent on a non-member");
  }

  @Test
  void anotherSiteCannotSwitchNorCanAGet() {
    signIn("linus@example.com");
    String engines = organizations().get("Analytical Engines").getString("id");

    HttpResponse<String> crossSite = switchTo(engines, "/whoami", "cross-site");
    assertEquals(403, crossSite.statusCode(), crossSite.body());
    assertTrue(crossSite.body().contains("Another site asked to switch your organization"), crossSite.body());
    assertEquals("member", whoami().getString("role"));

    HttpResponse<String> get = browser.page(app("/switch-organization?organization_id=" + engines));
    assertEquals(405, get.statusCode(), get.body());
    assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    assertEquals("member", whoami().getString("role"));
    assertEquals(0, WORKOS.counter("grant.refresh_token"));
  }

  @Test
  void whenWorkOsAsksForSsoTheBrowserSignsInToThatOrganization() {
    signIn("linus@example.com");
    String engines = organizations().get("Analytical Engines").getString("id");
    WORKOS.addErrorHook("POST", "/user_management/authenticate", 400, "{\"error\":\"sso_required\","
        + "\"error_description\":\"User must authenticate using one of the matching connections.\","
        + "\"email\":\"linus@example.com\",\"connection_ids\":[\"conn_01HZAEXAMPLE\"]}", 1, Duration.ZERO);

    HttpResponse<String> answer = switchTo(engines, "/whoami", "same-origin");
    assertEquals(302, answer.statusCode(), answer.body());
    assertEquals(app("/login?returnTo=%2Fwhoami&organization_id=" + engines), Browser.location(answer));
    HttpResponse<String> toWorkOs = browser.page(Browser.location(answer));
    URI authorize = Browser.location(toWorkOs);
    assertTrue(authorize.getRawQuery().contains("organization_id=" + engines), authorize.toString());

    // The hosted page asks for the password again, and no organization question: it is this one.
    HttpResponse<String> page = browser.page(authorize);
    HttpResponse<String> toCallback = browser.post(HostedPageForm.of(page.body(), page.uri()).action(),
        HostedPageForm.of(page.body(), page.uri()).with(Map.of("email", "linus@example.com",
            "password", "authkit-demo", "action", "sign-in")));
    HttpResponse<String> landed = browser.follow(browser.page(Browser.location(toCallback)));
    assertEquals(200, landed.statusCode(), landed.body());
    assertEquals("admin", whoami().getString("role"));
    assertEquals(engines, whoami().getString("organizationId"));
  }

  @Test
  void signedOutTheBrowserSignsInToThatOrganization() {
    HttpResponse<String> answer = switchTo("org_01ANYTHING", "/whoami", "same-origin");
    assertEquals(302, answer.statusCode(), answer.body());
    assertEquals(app("/login?returnTo=%2Fwhoami&organization_id=org_01ANYTHING"), Browser.location(answer));
    assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
  }
}
