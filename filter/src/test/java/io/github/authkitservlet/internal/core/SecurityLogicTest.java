package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.CoreFixture.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every branch of {@link SecurityLogic#decide}, as a table: the rules of a declaration, a request,
 * the session it carries and the state of WorkOS, and the decision that must come out. WorkOS is
 * the emulator over real HTTP; no container is involved.
 */
class SecurityLogicTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  static final Map<String, String> RULES = Map.of(
      "public-paths", "/ /public/* *.css",
      "api-paths", "/api/*");
  static final Map<String, String> ADMINS = Map.of("roles-allowed", "admin");
  static final Map<String, String> REPORTS = Map.of("permissions-required", "reports:read reports:write");
  static final Map<String, String> PASS_PREFLIGHTS = Map.of("cors-preflight", "pass");

  static final Consumer<AuthKitEmulator> WORKOS_UP = w -> { };
  static final Consumer<AuthKitEmulator> WORKOS_DOWN =
      w -> w.addErrorHook("POST", "/user_management/authenticate", 503, null, 0, Duration.ZERO);
  static final Consumer<AuthKitEmulator> WORKOS_RATE_LIMITING =
      w -> w.addErrorHook("POST", "/user_management/authenticate", 429, null, 0, Duration.ZERO);
  static final Consumer<AuthKitEmulator> JWKS_DOWN = w -> w.addErrorHook("GET", "/sso/jwks/*", 503, null, 0, Duration.ZERO);

  static Arguments row(String name, Map<String, String> rules, UnaryOperator<FakeFacts> request, Session session,
      Consumer<AuthKitEmulator> workos, String expected) {
    return Arguments.of(name, rules, request, session, workos, expected);
  }

  static Stream<Arguments> rows() {
    String toLogin = "redirect /app/login?returnTo=";
    return Stream.of(
        // Addresses the adapter could not normalise.
        row("unsafe address, page", RULES, r -> r.path(null).asPage(), Session.NONE, WORKOS_UP, "refuse 400 bad_request page [no-store]"),
        row("unsafe address, script", RULES, r -> r.path(null).asApi(), Session.MEMBER, WORKOS_UP, "refuse 400 bad_request json [no-store]"),
        // AuthKit's own servlets are always let through, untouched.
        row("login endpoint", RULES, r -> r.path("/login").asPage(), Session.GARBAGE, WORKOS_UP, "proceed anonymous []"),
        row("callback endpoint", ADMINS, r -> r.path("/callback").asPage(), Session.NONE, WORKOS_UP, "proceed anonymous []"),
        // Public paths: the user is shown when there is one; a session cookie makes the answer uncacheable.
        row("public, no cookie", RULES, r -> r.path("/public/about").asPage(), Session.NONE, WORKOS_UP, "proceed anonymous []"),
        row("public, session", RULES, r -> r.path("/public/about").asPage(), Session.MEMBER, WORKOS_UP, "proceed user [no-store]"),
        row("public root, session", RULES, r -> r.path("/").asPage(), Session.MEMBER, WORKOS_UP, "proceed user [no-store]"),
        row("public, garbage cookie", RULES, r -> r.path("/public/about").asPage(), Session.GARBAGE, WORKOS_UP,
            "proceed anonymous [no-store ClearSession]"),
        row("public, session due for refresh", RULES, r -> r.path("/public/about").asApi(), Session.MEMBER_DUE, WORKOS_UP,
            "proceed user [no-store SetSession]"),
        row("public, expired session, WorkOS down", RULES, r -> r.path("/public/about").asPage(), Session.MEMBER_EXPIRED,
            WORKOS_DOWN, "proceed anonymous [no-store]"),
        row("public, revoked session", RULES, r -> r.path("/public/about").asPage(), Session.MEMBER_REVOKED, WORKOS_UP,
            "proceed anonymous [no-store ClearSession]"),
        // Extension patterns count only where the container serves by extension or default servlet.
        row("*.css served by the default servlet", RULES, r -> r.path("/site.css").asPage().servedByExtension(true),
            Session.NONE, WORKOS_UP, "proceed anonymous []"),
        row("*.css under a servlet mapped by path", RULES, r -> r.path("/admin/x.css").asPage(), Session.NONE, WORKOS_UP,
            toLogin + "%2Fadmin%2Fx.css [no-store]"),
        // CORS preflights.
        row("preflight on a protected path", RULES, r -> r.method("OPTIONS").path("/api/orders")
            .header("Origin", "https://other.example").header("Access-Control-Request-Method", "PUT"), Session.NONE,
            WORKOS_UP, "refuse 403 cors_preflight_refused json [no-store]"),
        row("preflight, cors-preflight=pass", PASS_PREFLIGHTS, r -> r.method("OPTIONS").path("/api/orders")
            .header("Origin", "https://other.example").header("Access-Control-Request-Method", "PUT"), Session.NONE,
            WORKOS_UP, "proceed anonymous []"),
        row("OPTIONS without preflight headers is an API call", RULES, r -> r.method("OPTIONS").path("/api/orders")
            .header("Origin", "https://other.example"), Session.NONE, WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("preflight on a public path", RULES, r -> r.method("OPTIONS").path("/public/x")
            .header("Origin", "https://other.example").header("Access-Control-Request-Method", "PUT"), Session.NONE,
            WORKOS_UP, "proceed anonymous []"),
        // Signed out on a protected path: browsers go to sign in, scripts get 401.
        row("no session, page", RULES, r -> r.path("/dashboard").asPage(), Session.NONE, WORKOS_UP,
            toLogin + "%2Fdashboard [no-store]"),
        row("no session, page with a query", RULES, r -> r.path("/reports/q 1").query("year=2026&x=%2F").asPage(),
            Session.NONE, WORKOS_UP, toLogin + "%2Freports%2Fq%25201%3Fyear%3D2026%26x%3D%252F [no-store]"),
        row("no session, api-paths", RULES, r -> r.path("/api/orders").asPage(), Session.NONE, WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("no session, XHR", RULES, r -> r.path("/dashboard").header("X-Requested-With", "XMLHttpRequest"), Session.NONE,
            WORKOS_UP, "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("no session, POST", RULES, r -> r.method("POST").path("/dashboard").asPage(), Session.NONE, WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("garbage cookie, page", RULES, r -> r.path("/dashboard").asPage(), Session.GARBAGE, WORKOS_UP,
            toLogin + "%2Fdashboard [no-store ClearSession]"),
        row("garbage cookie, script", RULES, r -> r.path("/api/x").asApi(), Session.GARBAGE, WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store ClearSession]"),
        // Signed in.
        row("session", RULES, r -> r.path("/dashboard").asPage(), Session.MEMBER, WORKOS_UP, "proceed user [no-store]"),
        row("session due for refresh", RULES, r -> r.path("/dashboard").asPage(), Session.MEMBER_DUE, WORKOS_UP,
            "proceed user [no-store SetSession]"),
        row("session due for refresh, WorkOS down", RULES, r -> r.path("/dashboard").asPage(), Session.MEMBER_DUE,
            WORKOS_DOWN, "proceed user [no-store]"),
        row("expired session refreshed", RULES, r -> r.path("/api/x").asApi(), Session.MEMBER_EXPIRED, WORKOS_UP,
            "proceed user [no-store SetSession]"),
        row("expired session, WorkOS down, page", RULES, r -> r.path("/dashboard").asPage(), Session.MEMBER_EXPIRED,
            WORKOS_DOWN, "refuse 503 unavailable page retry-after [no-store]"),
        row("expired session, WorkOS rate-limiting, script", RULES, r -> r.path("/api/x").asApi(), Session.MEMBER_EXPIRED,
            WORKOS_RATE_LIMITING, "refuse 503 unavailable json retry-after [no-store]"),
        row("session, no signing keys to be had", RULES, r -> r.path("/api/x").asApi(), Session.MEMBER, JWKS_DOWN,
            "refuse 503 unavailable json retry-after [no-store]"),
        row("revoked session, page", RULES, r -> r.path("/dashboard").asPage(), Session.MEMBER_REVOKED, WORKOS_UP,
            toLogin + "%2Fdashboard [no-store ClearSession]"),
        // Roles and permissions of the declaration.
        row("member where admins only", ADMINS, r -> r.path("/admin").asPage(), Session.MEMBER, WORKOS_UP,
            "refuse 403 forbidden page [no-store]"),
        row("member where admins only, script", ADMINS, r -> r.path("/admin").asApi(), Session.MEMBER, WORKOS_UP,
            "refuse 403 forbidden json [no-store]"),
        row("admin where admins only", ADMINS, r -> r.path("/admin").asPage(), Session.ADMIN, WORKOS_UP, "proceed user [no-store]"),
        row("member lacking permissions", REPORTS, r -> r.path("/reports").asApi(), Session.MEMBER, WORKOS_UP,
            "refuse 403 forbidden json [no-store]"),
        row("admin with both permissions", REPORTS, r -> r.path("/reports").asApi(), Session.ADMIN, WORKOS_UP,
            "proceed user [no-store]"),
        row("signed out where admins only", ADMINS, r -> r.path("/admin").asPage(), Session.NONE, WORKOS_UP,
            toLogin + "%2Fadmin [no-store]"));
  }

  @RegisterExtension
  final FreshCoreFixture core = new FreshCoreFixture(WORKOS);

  CoreFixture fixture() {
    return core.get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decides(String name, Map<String, String> initParams, UnaryOperator<FakeFacts> request, Session session,
      Consumer<AuthKitEmulator> workos, String expected) throws Exception {
    String cookie = cookie(session);
    workos.accept(fixture().emulator);
    RequestFacts facts = request.apply(new FakeFacts()).cookie(cookie).build();
    AccessRules rules = AccessRules.parse(new HashMap<>(initParams)::get);
    Decision decision = fixture().core.security().decide(facts, rules, CoreFixture.SITE, CoreFixture.freshMemory());
    assertEquals(expected, CoreFixture.describe(decision));
  }

  private String cookie(Session session) {
    return fixture().cookie(session);
  }

  private String later(String cookie, Duration by) {
    return fixture().later(cookie, by);
  }

  // ---------------------------------------------------------------- beyond one row

  @Test
  void aSecondDeclarationOnTheSameRequestReusesTheCheckAndItsCookieChangesAreNotRepeated() throws Exception {
    String cookie = later(fixture().cookieFor("ada@example.com"), Duration.ofSeconds(250));
    RequestFacts facts = new FakeFacts().path("/admin").asPage().cookie(cookie).build();
    RequestMemory memory = CoreFixture.freshMemory();
    SecurityLogic logic = fixture().core.security();

    Decision first = logic.decide(facts, AccessRules.parse(new HashMap<>(RULES)::get), CoreFixture.SITE, memory);
    Decision second = logic.decide(facts, AccessRules.parse(new HashMap<>(ADMINS)::get), CoreFixture.SITE, memory);

    assertEquals("proceed user [no-store SetSession]", CoreFixture.describe(first));
    assertEquals("refuse 403 forbidden page [no-store]", CoreFixture.describe(second));
    assertEquals(1, fixture().emulator.counter("grant.refresh_token"));
  }

  @Test
  void theSignedInSessionIsTheRefreshedOne() throws Exception {
    String cookie = later(fixture().cookieFor("ada@example.com"), Duration.ofSeconds(250));
    Decision decision = fixture().core.security().decide(new FakeFacts().path("/dashboard").cookie(cookie).build(),
        AccessRules.parse(new HashMap<>(RULES)::get), CoreFixture.SITE, CoreFixture.freshMemory());
    Decision.Proceed proceed = assertInstanceOf(Decision.Proceed.class, decision);
    CookieChange.SetSession set = assertInstanceOf(CookieChange.SetSession.class, proceed.effects().cookies().get(0));
    assertEquals(fixture().codec.unseal(set.sealedValue()).orElseThrow().accessToken(), ((Caller.Session) proceed.caller()).session().data().accessToken());
  }

  @Test
  void aRefreshedSessionTooLargeForACookieIsRefusedLoudlyAndTheCookieCleared() throws Exception {
    // A cookie name that leaves no room: any refreshed session is over the browsers' limit.
    SecurityLogic tight = new SecurityLogic(fixture().authenticator, fixture().bearers, "n".repeat(CookieSize.MAX_BYTES));
    String cookie = later(fixture().cookieFor("ada@example.com"), Duration.ofSeconds(250));
    Decision decision = tight.decide(new FakeFacts().path("/api/x").asApi().cookie(cookie).build(),
        AccessRules.parse(new HashMap<>(RULES)::get), CoreFixture.SITE, CoreFixture.freshMemory());
    assertEquals("refuse 500 session_too_large page [no-store ClearSession]", CoreFixture.describe(decision));
    assertEquals("/app/login", ((Decision.Refuse) decision).tryAgainHref());
  }

  static Stream<Arguments> refreshes() {
    return Stream.of(
        Arguments.of(Session.MEMBER, WORKOS_UP, List.of()),
        Arguments.of(Session.GARBAGE, WORKOS_UP, List.of()),
        Arguments.of(Session.MEMBER_DUE, WORKOS_UP, List.of("refreshed user ok")),
        Arguments.of(Session.MEMBER_DUE, WORKOS_DOWN, List.of("refreshed user workos_unavailable_503 passing")),
        Arguments.of(Session.MEMBER_EXPIRED, WORKOS_RATE_LIMITING, List.of("refreshed nobody workos_rate_limited passing")),
        Arguments.of(Session.MEMBER_REVOKED, WORKOS_UP, List.of("refreshed nobody invalid_grant terminal")),
        // The keys are never fetched: the check stops before any refresh.
        Arguments.of(Session.MEMBER_EXPIRED, JWKS_DOWN, List.of()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refreshes")
  void listenersHearWhatBecameOfARefresh(Session session, Consumer<AuthKitEmulator> workos, List<String> expected)
      throws Exception {
    String cookie = cookie(session);
    workos.accept(fixture().emulator);
    List<String> heard = new java.util.ArrayList<>();
    SessionEvents events = new SessionEvents() {
      @Override
      public void refreshed(io.github.authkitservlet.internal.authn.ResolvedSession served,
          io.github.authkitservlet.internal.workos.Failure failure) {
        heard.add("refreshed " + (served == null ? "nobody" : "user") + " " + (failure == null ? "ok"
            : failure.code() + (failure.isTerminal() ? " terminal" : " passing")));
      }
    };
    RequestMemory memory = CoreFixture.freshMemory();
    RequestFacts facts = new FakeFacts().path("/dashboard").asPage().cookie(cookie).build();
    fixture().core.security().decide(facts, AccessRules.parse(new HashMap<>(RULES)::get), CoreFixture.SITE, memory, events);
    fixture().core.security().decide(facts, AccessRules.parse(new HashMap<>(ADMINS)::get), CoreFixture.SITE, memory, events);
    assertEquals(expected, heard, "once per request, however many declarations");
  }

  @Test
  void signedOutApiCallsAreToldWhereToSignIn() throws Exception {
    Decision decision = fixture().core.security().decide(new FakeFacts().path("/api/x").asApi().build(),
        AccessRules.parse(new HashMap<>(RULES)::get), CoreFixture.SITE, CoreFixture.freshMemory());
    Decision.Refuse refuse = assertInstanceOf(Decision.Refuse.class, decision);
    assertEquals("Sign in first: /app/login", refuse.message());
    assertEquals("AuthKit realm=\"/app\", Bearer realm=\"/app\"", refuse.wwwAuthenticate(),
        "an API path that takes bearer credentials says so in its challenge");
    assertNotNull(List.of(refuse));
  }
}
