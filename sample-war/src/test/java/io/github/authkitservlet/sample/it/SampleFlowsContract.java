package io.github.authkitservlet.sample.it;

import static io.github.authkitservlet.sample.it.Visitor.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.sample.it.Visitor.Page;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample's flows over real HTTP, the same on every container: a subclass deploys the sample WAR
 * with Arquillian and says where it is; WorkOS is a real {@link AuthKitEmulator} on a random port.
 */
abstract class SampleFlowsContract {

  static final String PASSWORD = "authkit-demo";

  /**
   * Access tokens from the tests' emulator live 62 s: the filter refreshes a token that expires within
   * 60 s (workos.refresh-buffer), so a refresh is due 2 s after signing in.
   */
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(62);

  /** The running emulator the deployment points at. */
  abstract AuthKitEmulator workos();

  /** The deployed sample's root, on localhost, ending with "/". */
  abstract URI app();

  /**
   * Who creates the sample's listener, as its dashboard says: AuthKit from {@code workos.listeners},
   * or, where the container has CDI, CDI.
   */
  abstract String listenerCreatedBy();

  private Visitor visitor;
  private final Jsonb jsonb = JsonbBuilder.create();

  @AfterEach
  void closeJsonb() throws Exception {
    jsonb.close();
  }

  @BeforeEach
  void freshVisitorAndEmulator() {
    workos().reset();
    visitor = new Visitor();
  }

  URI page(String relative) {
    return app().resolve(relative);
  }

  @Test
  void homeIsPublicAndSaysSignedOut() throws Exception {
    Page home = visitor.get(page(""));

    assertEquals(200, home.status(), home.body());
    assertEquals("AuthKit example", home.html().title());
    assertEquals("You are signed out.", home.text("who"));
    assertEquals("Sign in", home.text("sign-in-link"));
    assertEquals("Sign up", home.text("sign-up-link"));
    assertEquals("Sign out", home.text("sign-out-link"));
  }

  @Test
  void dashboardSendsSignedOutVisitorsToLoginWithTheReturnPath() throws Exception {
    Page dashboard = visitor.get(page("dashboard?tab=profile"));

    assertEquals(302, dashboard.status(), dashboard.body());
    URI login = dashboard.location();
    assertEquals(SampleWar.CONTEXT_PATH + "/login", login.getPath());
    assertTrue(login.getQuery().contains("returnTo=") && login.getQuery().contains("dashboard?tab=profile"),
        "return path kept: " + login);

    Page toWorkOs = visitor.get(login);
    assertEquals(302, toWorkOs.status(), toWorkOs.body());
    URI authorize = toWorkOs.location();
    assertEquals(workos().port(), authorize.getPort());
    assertEquals("/user_management/authorize", authorize.getPath());
    assertTrue(authorize.getQuery().contains("provider=authkit"), authorize.toString());
    assertTrue(authorize.getQuery().contains("code_challenge_method=S256"), authorize.toString());
  }

  @Test
  void apiAnswers401JsonWhenSignedOut() throws Exception {
    Page me = visitor.get(page("api/me"));

    assertEquals(401, me.status(), me.body());
    assertTrue(me.header("Content-Type").orElse("").startsWith("application/json"), me.headers().toString());
    assertTrue(me.header("WWW-Authenticate").isPresent(), "WWW-Authenticate on a 401");
    Map<?, ?> body = jsonb.fromJson(me.body(), Map.class);
    assertEquals("unauthenticated", body.get("error"));
  }

  @Test
  void adaSignsInSeesHerDashboardAndApiButNotAdmin() throws Exception {
    List<Visitor.Page> hops = visitor.signIn(page("dashboard"), "ada@example.com", PASSWORD);

    Page dashboard = last(hops);
    assertEquals(page("dashboard"), dashboard.uri(), "back where she started");
    assertEquals(200, dashboard.status(), dashboard.body());
    assertEquals("Ada Lovelace", dashboard.text("user-name"));
    assertEquals("Ada Lovelace", dashboard.text("name"));
    assertEquals("ada@example.com", dashboard.text("email"));
    assertEquals("member", dashboard.text("role"));
    assertTrue(dashboard.text("organization").startsWith("org_"), dashboard.text("organization"));
    assertEquals("no-store", dashboard.header("Cache-Control").orElse(""), "authenticated pages are not cached");
    assertEquals(1, workos().counter("grant.authorization_code"));

    Page home = visitor.get(page(""));
    assertEquals("Signed in as Ada Lovelace (ada@example.com)", home.text("who"));

    Page me = visitor.get(page("api/me"));
    assertEquals(200, me.status(), me.body());
    Map<?, ?> json = jsonb.fromJson(me.body(), Map.class);
    assertEquals("ada@example.com", json.get("email"));
    assertEquals("Ada Lovelace", json.get("name"));
    assertEquals("member", json.get("role"));
    assertTrue(!me.body().contains("accessToken") && !me.body().contains("refresh"), "no tokens in /api/me");

    Page admin = visitor.get(page("admin"));
    assertEquals(403, admin.status(), admin.body());
    assertTrue(!admin.body().contains("Only admins see this page"), admin.body());
  }

  @Test
  void graceIsAnAdmin() throws Exception {
    Page admin = last(visitor.signIn(page("admin"), "grace@example.com", PASSWORD));

    assertEquals(page("admin"), admin.uri());
    assertEquals(200, admin.status(), admin.body());
    assertTrue(admin.text("admin-welcome").startsWith("Only admins see this page. You are Grace Hopper"),
        admin.text("admin-welcome"));
    assertTrue(admin.text("admin-welcome").contains("request.isUserInRole(\"admin\") is true"),
        "the servlet API sees the WorkOS role: " + admin.text("admin-welcome"));

    Page dashboard = visitor.get(page("dashboard"));
    assertEquals("admin", dashboard.text("role"));
    assertTrue(dashboard.text("permissions").contains("reports:read"), dashboard.text("permissions"));
  }

  @Test
  void signOutEndsTheSessionHereAndAtWorkOs() throws Exception {
    visitor.signIn(page("dashboard"), "ada@example.com", PASSWORD);
    assertEquals(200, visitor.get(page("api/me")).status());

    List<Page> hops = visitor.open(page("logout"));

    assertTrue(hops.stream().anyMatch(hop -> hop.uri().getPort() == workos().port()
        && hop.uri().getPath().equals("/user_management/sessions/logout")), "went through WorkOS logout: "
        + hops.stream().map(Page::uri).toList());
    Page home = last(hops);
    assertEquals(200, home.status(), home.body());
    assertEquals(app().getPath(), home.uri().getPath(), "returned to the application's root");
    assertEquals("You are signed out.", home.text("who"));
    assertEquals(401, visitor.get(page("api/me")).status());
    assertEquals(302, visitor.get(page("dashboard")).status());
  }

  @Test
  void aNewUserSignsUpAndLandsOnTheDashboard() throws Exception {
    Page signUp = last(visitor.open(page("sign-up?returnTo=/dashboard")));
    assertEquals(workos().port(), signUp.uri().getPort());
    assertTrue(signUp.uri().getQuery().contains("screen_hint=sign-up"), signUp.uri().toString());
    assertEquals("Sign up", signUp.text("sign-up"));

    Page dashboard = last(visitor.submitOn(signUp, Map.of(
        "first_name", "Alan", "last_name", "Turing",
        "email", "alan@example.com", "password", "enigma-1912"), "sign-up"));

    assertEquals(page("dashboard"), dashboard.uri());
    assertEquals(200, dashboard.status(), dashboard.body());
    assertEquals("Alan Turing", dashboard.text("name"));
    assertEquals("alan@example.com", dashboard.text("email"));
    assertEquals(1, workos().counter("sign_up"));
  }

  @Test
  void theDashboardShowsTheSignInTheListenerRecordedWithTheLinksState() throws Exception {
    Page home = visitor.get(page(""));
    URI signInLink = URI.create(home.html().getElementById("sign-in-link").absUrl("href"));
    assertTrue(signInLink.getRawQuery().contains("state=header"), signInLink.toString());

    Page dashboard = last(visitor.signInOn(last(visitor.open(signInLink)), "ada@example.com", PASSWORD));

    assertEquals(page("dashboard"), dashboard.uri());
    String last = dashboard.text("last-sign-in");
    assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC with Password into org_\\S+, link state \"header\""),
        last);
    assertEquals(listenerCreatedBy(), dashboard.text("recorded-by"));
  }

  @Test
  void linusSwitchesOrganizationsAndTheAdminPageOpens() throws Exception {
    // The hosted page asks Linus for one of his two organizations; the visitor takes the first, Example Corp.
    Page organizations = last(visitor.signIn(page("organizations"), "linus@example.com", PASSWORD));
    assertEquals(page("organizations"), organizations.uri());
    assertEquals("member", organizations.text("role"));
    Map<String, org.jsoup.nodes.Element> listed = new java.util.LinkedHashMap<>();
    organizations.html().select("#organizations li").forEach(li -> listed.put(li.selectFirst(".name").text(), li));
    assertEquals(List.of("Analytical Engines", "Example Corp"), listed.keySet().stream().sorted().toList());
    assertTrue(listed.get("Example Corp").selectFirst(".current") != null, "Example Corp is the current one");
    assertEquals(403, visitor.get(page("admin")).status());

    org.jsoup.nodes.FormElement form = (org.jsoup.nodes.FormElement) listed.get("Analytical Engines").selectFirst("form");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    form.formData().forEach(field -> fields.put(field.key(), field.value()));
    List<Page> hops = visitor.follow(visitor.post(URI.create(form.absUrl("action")), fields));

    Page back = last(hops);
    assertEquals(page("organizations"), back.uri(), "back where the form said");
    assertEquals("admin", back.text("role"));
    assertEquals(fields.get("organization_id"), back.text("current-organization"));
    Map<?, ?> me = jsonb.fromJson(visitor.get(page("api/me")).body(), Map.class);
    assertEquals(fields.get("organization_id"), me.get("organizationId"));
    assertEquals("admin", me.get("role"));
    Page admin = visitor.get(page("admin"));
    assertEquals(200, admin.status(), admin.body());
    assertTrue(admin.text("admin-welcome").startsWith("Only admins see this page. You are Linus Torvalds"));
  }

  @Test
  void anImpersonationShowsWhoAndWhyAndStopsBySigningOut() throws Exception {
    URI link = workos().startImpersonation("ada@example.com", "support@example.com", "Ticket 42");
    Page dashboardLink = visitor.get(link);
    // The emulator's default client names http://localhost:8080/login as its sign-in endpoint
    // (initiate_login_uri); this deployment's is its own /login, where the marked browser goes instead.
    assertEquals(URI.create("http://localhost:8080/login"), dashboardLink.location());
    Page dashboard = last(visitor.open(page("login?returnTo=/dashboard")));

    assertEquals(page("dashboard"), dashboard.uri(), "no password page: " + dashboard.body());
    assertEquals("Ada Lovelace", dashboard.text("user-name"));
    assertEquals("support@example.com", dashboard.text("impersonator"));
    assertEquals("Ticket 42", dashboard.text("impersonation-reason"));
    assertEquals("yes, by support@example.com", dashboard.text("impersonated"));
    assertTrue(dashboard.text("last-sign-in").contains("with Impersonation"), dashboard.text("last-sign-in"));
    Map<?, ?> me = jsonb.fromJson(visitor.get(page("api/me")).body(), Map.class);
    assertEquals(Boolean.TRUE, me.get("impersonated"));

    org.jsoup.nodes.Element stop = dashboard.html().getElementById("stop-impersonating").closest("form");
    Page home = last(visitor.follow(visitor.post(URI.create(stop.absUrl("action")), Map.of())));
    assertEquals("You are signed out.", home.text("who"));
    assertEquals(401, visitor.get(page("api/me")).status());
  }

  @Test
  void anAccessTokenAboutToExpireIsRefreshedWithoutSigningInAgain() throws Exception {
    visitor.signIn(page("dashboard"), "ada@example.com", PASSWORD);
    long refreshesBefore = workos().counter("grant.refresh_token");

    // The container checks token times on its own clock, so the emulator's clock cannot help here:
    // wait until the short-lived token is inside the filter's refresh window (see ACCESS_TOKEN_LIFETIME).
    Thread.sleep(3_000);
    Page dashboard = visitor.get(page("dashboard"));

    assertEquals(200, dashboard.status(), dashboard.body());
    assertEquals("Ada Lovelace", dashboard.text("user-name"));
    assertTrue(workos().counter("grant.refresh_token") > refreshesBefore, "refreshed with the refresh token");
    assertTrue(dashboard.header("Set-Cookie").orElse("").startsWith("wos-session="), "resealed session cookie");
    assertEquals(1, workos().counter("grant.authorization_code"), "no second sign-in");
  }

  // ---------------------------------------------------------------- container security and bearer credentials

  static final String DEMO_API_KEY = "sk_demo_reports_0123456789abcdef";

  @Test
  void reportsIsForAdminsAndTheContainerDecides() throws Exception {
    Page signedOut = visitor.get(page("reports"));
    assertEquals(302, signedOut.status(), "the container's constraint sends a signed-out visitor to sign in");
    assertEquals(SampleWar.CONTEXT_PATH + "/login", signedOut.location().getPath());
    assertTrue(signedOut.location().getQuery().contains("returnTo=/reports"), signedOut.location().toString());

    visitor.signIn(page("dashboard"), "ada@example.com", PASSWORD);
    Page ada = visitor.get(page("reports"));
    assertEquals(403, ada.status(), "ada is a member: " + ada.body());
    assertEquals("Access denied", ada.text("forbidden"));

    Visitor graceBrowser = new Visitor();
    Page grace = last(graceBrowser.signIn(page("reports"), "grace@example.com", PASSWORD));
    assertEquals(page("reports"), grace.uri(), "back where she started");
    assertEquals(200, grace.status(), grace.body());
    assertTrue(grace.text("reports-welcome").contains("Grace Hopper"), grace.text("reports-welcome"));
  }

  @Test
  void apiReportsIsForAdminsWithTheSessionCookieOrAnAccessToken() throws Exception {
    Page signedOut = visitor.get(page("api/reports"), "Accept", "application/json");
    assertEquals(401, signedOut.status(), signedOut.body());

    visitor.signIn(page("dashboard"), "ada@example.com", PASSWORD);
    Page ada = visitor.get(page("api/reports"), "Accept", "application/json");
    assertEquals(403, ada.status(), ada.body());
    assertEquals("forbidden", json(ada).get("error"));

    Visitor grace = new Visitor();
    grace.signIn(page("dashboard"), "grace@example.com", PASSWORD);
    Page reports = grace.get(page("api/reports"), "Accept", "application/json");
    assertEquals(200, reports.status(), reports.body());
    assertEquals("Grace Hopper", json(reports).get("requestedBy"));
    assertEquals("SESSION_COOKIE", json(reports).get("credential"));

    Page graceToken = bearer("api/reports", workos().issueSession("grace@example.com").accessToken());
    assertEquals(200, graceToken.status(), graceToken.body());
    assertEquals("ACCESS_TOKEN", json(graceToken).get("credential"));
    assertEquals(403, bearer("api/reports", workos().issueSession("ada@example.com").accessToken()).status());
    assertEquals(403, bearer("api/reports", DEMO_API_KEY).status(), "an API key has permissions, not the role");
  }

  @Test
  void apiMeAnswersAnAccessTokenAndTheDemoApiKey() throws Exception {
    var session = workos().issueSession("ada@example.com");
    Page token = bearer("api/me", session.accessToken());
    assertEquals(200, token.status(), token.body());
    Map<?, ?> me = json(token);
    assertEquals("ACCESS_TOKEN", me.get("credential"));
    assertEquals(session.userId(), me.get("id"));
    assertEquals("member", me.get("role"));
    assertTrue(token.header("Set-Cookie").isEmpty(), "a bearer request never gets a cookie");

    Page key = bearer("api/me", DEMO_API_KEY);
    assertEquals(200, key.status(), key.body());
    Map<?, ?> owner = json(key);
    assertEquals("API_KEY", owner.get("credential"));
    assertEquals(session.organizationId(), owner.get("organizationId"));
    assertEquals(List.of("reports:read"), owner.get("permissions"));

    Page bad = bearer("api/me", "not.a.token");
    assertEquals(401, bad.status(), bad.body());
    assertEquals("invalid_token", json(bad).get("error"));
    assertTrue(bad.header("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""), bad.headers().toString());
  }

  private Page bearer(String path, String credential) throws Exception {
    return new Visitor().get(page(path), "Accept", "application/json", "Authorization", "Bearer " + credential);
  }

  private Map<?, ?> json(Page page) {
    return jsonb.fromJson(page.body(), Map.class);
  }
}
