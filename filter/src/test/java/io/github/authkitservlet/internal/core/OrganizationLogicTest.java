package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.token.SessionReference;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.Membership;
import io.github.authkitservlet.internal.workos.MembershipList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every outcome of {@link OrganizationLogic#switchTo}, as a table: who asks, for which organization,
 * what WorkOS answers, and the decision. Linus is a member of Example Corp and an admin of
 * Analytical Engines; Ada only belongs to Example Corp.
 */
class OrganizationLogicTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  static final String ENGINES = "Analytical Engines";
  static final String EXAMPLE = "Example Corp";

  /** Who asks: a cookie the row makes. */
  enum Who { NOBODY, GARBAGE, LINUS, ADA, LINUS_REVOKED,
    /** Linus's session, 250 s on: its token is due, so it is refreshed before the switch. */
    LINUS_DUE }

  static Consumer<AuthKitEmulator> refreshAnswers(int status, String body) {
    return w -> w.addErrorHook("POST", "/user_management/authenticate", status, body, 1, Duration.ZERO);
  }

  static final Consumer<AuthKitEmulator> UP = w -> { };

  static Arguments row(String name, Who who, String organization, UnaryOperator<FakeFacts> request,
      Consumer<AuthKitEmulator> workos, String expected) {
    return Arguments.of(name, who, organization, request, workos, expected);
  }

  static Stream<Arguments> rows() {
    String signInThere = "redirect /app/login?returnTo=%2Freports&organization_id=";
    return Stream.of(
        row("a member switches", Who.LINUS, ENGINES, r -> r, UP, "redirect /app/reports [no-store SetSession]"),
        row("a member whose token is due: one cookie, the switched one", Who.LINUS_DUE, ENGINES, r -> r, UP,
            "redirect /app/reports [no-store SetSession]"),
        row("to the organization the session is in", Who.LINUS, EXAMPLE, r -> r, UP,
            "redirect /app/reports [no-store SetSession]"),
        row("from the application's own page (Sec-Fetch-Site)", Who.LINUS, ENGINES,
            r -> r.header("Sec-Fetch-Site", "same-origin"), UP, "redirect /app/reports [no-store SetSession]"),
        row("not a member", Who.ADA, ENGINES, r -> r, UP, "refuse 403 not_a_member page [no-store]"),
        row("an organization that does not exist", Who.LINUS, "org_01NOSUCHORGANIZATION0000", r -> r, UP,
            "refuse 403 not_a_member page [no-store]"),
        row("no organization", Who.LINUS, null, r -> r, UP, "refuse 400 bad_request page [no-store]"),
        row("markup for an organization", Who.LINUS, "<script>", r -> r, UP, "refuse 400 bad_request page [no-store]"),
        row("an organization id of 200 characters", Who.LINUS, "o".repeat(200), r -> r, UP,
            "refuse 400 bad_request page [no-store]"),
        row("another site (Sec-Fetch-Site)", Who.LINUS, ENGINES, r -> r.header("Sec-Fetch-Site", "cross-site"), UP,
            "refuse 403 cross_site_refused page [no-store]"),
        row("a sibling subdomain (Sec-Fetch-Site same-site)", Who.LINUS, ENGINES,
            r -> r.header("Sec-Fetch-Site", "same-site"), UP, "refuse 403 cross_site_refused page [no-store]"),
        row("another site (Origin)", Who.LINUS, ENGINES, r -> r.header("Origin", "https://evil.example"), UP,
            "refuse 403 cross_site_refused page [no-store]"),
        row("signed out", Who.NOBODY, ENGINES, r -> r, UP, signInThere + "ORG [no-store]"),
        row("a cookie that is no session", Who.GARBAGE, ENGINES, r -> r, UP, signInThere + "ORG [no-store ClearSession]"),
        row("a session revoked at WorkOS", Who.LINUS_REVOKED, ENGINES, r -> r, UP,
            signInThere + "ORG [no-store ClearSession]"),
        row("WorkOS asks for SSO", Who.LINUS, ENGINES, r -> r, refreshAnswers(400, "{\"error\":\"sso_required\","
            + "\"error_description\":\"User must authenticate using one of the matching connections.\","
            + "\"email\":\"linus@example.com\",\"connection_ids\":[\"conn_01HZAEXAMPLE\"]}"),
            signInThere + "ORG [no-store]"),
        row("WorkOS asks for MFA enrolment", Who.LINUS, ENGINES, r -> r, refreshAnswers(400,
            "{\"error\":\"mfa_enrollment\",\"error_description\":\"The user must enroll in MFA.\"}"),
            signInThere + "ORG [no-store]"),
        row("WorkOS names a page of its own", Who.LINUS, ENGINES, r -> r, refreshAnswers(400,
            "{\"error\":\"sso_required\",\"authkit_redirect_url\":\"https://auth.example.com/sso?t=1\"}"),
            "redirect https://auth.example.com/sso?t=1 [no-store]"),
        row("WorkOS names a page that is not http(s)", Who.LINUS, ENGINES, r -> r, refreshAnswers(400,
            "{\"error\":\"sso_required\",\"authkit_redirect_url\":\"javascript:alert(1)\"}"),
            signInThere + "ORG [no-store]"),
        row("WorkOS refuses the grant", Who.LINUS, ENGINES, r -> r, refreshAnswers(400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"nope\"}"),
            "refuse 403 organization_switch_refused page [no-store]"),
        row("WorkOS is down", Who.LINUS, ENGINES, r -> r, refreshAnswers(503, null),
            "refuse 502 workos_unavailable page retry-after [no-store]"),
        row("WorkOS rate-limits", Who.LINUS, ENGINES, r -> r, refreshAnswers(429, null),
            "refuse 503 workos_rate_limited page retry-after [no-store]"),
        row("the membership list is down", Who.LINUS, ENGINES, r -> r,
            w -> w.addErrorHook("GET", "/user_management/organization_memberships", 503, null, 0, Duration.ZERO),
            "refuse 502 workos_unavailable page retry-after [no-store]"));
  }

  CoreFixture fixture;
  /** Organization ids by name. */
  final Map<String, String> organizations = new java.util.HashMap<>();

  @BeforeEach
  void start() throws Exception {
    fixture = new CoreFixture(WORKOS.emulator(), Map.of());
    // As WorkOS lists Linus's memberships (he belongs to both); then the emulator starts afresh.
    String linus = fixture.emulator.issueSession("linus@example.com").userId();
    MembershipList.Listed listed = (MembershipList.Listed) fixture.workos.activeMemberships(linus);
    listed.memberships().forEach(m -> organizations.put(m.organizationName(), m.organizationId()));
    fixture.emulator.reset();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void switches(String name, Who who, String organization, UnaryOperator<FakeFacts> request,
      Consumer<AuthKitEmulator> workos, String expected) {
    String organizationId = organization == null ? null : organizationId(organization);
    String cookie = cookie(who);
    workos.accept(fixture.emulator);
    Decision decision = fixture.core.organizationSwitch().switchTo(
        request.apply(FakeFacts.get("/switch-organization").method("POST")).cookie(cookie).build(), organizationId,
        "/reports", CoreFixture.SITE, SessionEvents.NONE);
    assertEquals(expected.replace("ORG", String.valueOf(organizationId)), CoreFixture.describe(decision));
    if (!expected.contains("SetSession")) {
      // A hook answers in the endpoint's place, so a hooked grant counts nothing either.
      assertEquals(0, fixture.emulator.counter("grant.refresh_token"), "no refresh token spent without a switch");
    }
  }

  @Test
  void theSwitchedSessionHasTheNewOrganizationsRoleAndPermissions() {
    String cookie = cookie(Who.LINUS);
    Decision.Redirect redirect = assertInstanceOf(Decision.Redirect.class, switchTo(cookie, organizationId(ENGINES)));
    String switched = sealedIn(redirect);
    AuthOutcome.Authenticated now = assertInstanceOf(AuthOutcome.Authenticated.class,
        fixture.authenticator.authenticate(switched));
    assertEquals(organizationId(ENGINES), now.session().claims().organizationId());
    assertEquals("admin", now.session().claims().role());
    assertEquals(List.of("reports:read", "reports:write", "users:manage"), now.session().claims().permissions());
    assertEquals(organizationId(ENGINES), now.session().data().organizationId(), "later refreshes stay there");

    fixture.advance(Duration.ofSeconds(250));
    AuthOutcome.Authenticated refreshed = assertInstanceOf(AuthOutcome.Authenticated.class,
        fixture.authenticator.authenticate(switched));
    assertEquals("admin", refreshed.session().claims().role(), "still in Analytical Engines after a refresh");
  }

  @Test
  void theOldCookieMetRightAfterwardsGetsTheSwitchedSession() {
    String cookie = cookie(Who.LINUS);
    fixture.advance(Duration.ofSeconds(235)); // tokens live 300 s and are refreshed 60 s early: not due yet
    switchTo(cookie, organizationId(ENGINES));
    // Ten seconds on, a request with the old cookie finds its token due and its refresh token spent
    // by the switch: the rotation it meets is the switched session.
    fixture.advance(Duration.ofSeconds(10));
    AuthOutcome.Authenticated straggler = assertInstanceOf(AuthOutcome.Authenticated.class,
        fixture.authenticator.authenticate(cookie));
    assertEquals(organizationId(ENGINES), straggler.session().claims().organizationId());
    assertEquals(1, fixture.emulator.counter("grant.refresh_token"));
  }

  @Test
  void aNonMemberKeepsTheSessionAndNoRefreshTokenIsSpent() {
    String cookie = cookie(Who.ADA);
    switchTo(cookie, organizationId(ENGINES));
    assertEquals(0, fixture.emulator.counter("grant.refresh_token"));
    assertEquals(2, fixture.emulator.counter("organization_memberships.list"), "a no is asked afresh before it is said");
    fixture.advance(Duration.ofSeconds(250));
    assertInstanceOf(AuthOutcome.Authenticated.class, fixture.authenticator.authenticate(cookie), "still signed in");
  }

  @Test
  void theMembershipListIsKeptBrieflyForThePickerAndTheSwitch() {
    String cookie = cookie(Who.LINUS);
    String userId = userOf(cookie);
    MembershipList.Listed listed = assertInstanceOf(MembershipList.Listed.class,
        fixture.core.organizations().organizationsOf(userId));
    assertEquals(List.of(ENGINES + " admin", EXAMPLE + " member"),
        listed.memberships().stream().map(m -> m.organizationName() + " " + m.role()).sorted().toList());
    switchTo(cookie, organizationId(ENGINES));
    fixture.core.organizations().organizationsOf(userId);
    assertEquals(1, fixture.emulator.counter("organization_memberships.list"));
    fixture.clock.advance(Duration.ofSeconds(61));
    fixture.core.organizations().organizationsOf(userId);
    assertEquals(2, fixture.emulator.counter("organization_memberships.list"), "asked again after a minute");
  }

  @Test
  void aMembershipWithoutANameGetsItFromTheOrganization() {
    String userId = userOf(cookie(Who.ADA));
    String example = organizationId(EXAMPLE);
    fixture.emulator.addErrorHook("GET", "/user_management/organization_memberships", 200,
        "{\"object\":\"list\",\"data\":[{\"object\":\"organization_membership\",\"id\":\"om_1\",\"user_id\":\"" + userId
            + "\",\"organization_id\":\"" + example + "\",\"status\":\"active\",\"role\":{\"slug\":\"member\"},"
            + "\"roles\":[{\"slug\":\"member\"}],\"directory_managed\":false,\"user\":{\"object\":\"user\",\"id\":\""
            + userId + "\",\"email\":\"ada@example.com\",\"email_verified\":true,\"created_at\":\"2026-01-01T00:00:00.000Z\","
            + "\"updated_at\":\"2026-01-01T00:00:00.000Z\"},\"created_at\":\"2026-01-01T00:00:00.000Z\","
            + "\"updated_at\":\"2026-01-01T00:00:00.000Z\"}],\"list_metadata\":{\"before\":null,\"after\":null}}",
        1, Duration.ZERO);
    MembershipList.Listed listed = assertInstanceOf(MembershipList.Listed.class,
        fixture.core.organizations().organizationsOf(userId));
    assertEquals(List.of(new Membership(example, EXAMPLE, "member")), listed.memberships());
    assertEquals(1, fixture.emulator.counter("organizations.get"));
  }

  @Test
  void listenersHearOfTheSwitchAsARefresh() {
    List<String> heard = new ArrayList<>();
    SessionEvents events = new SessionEvents() {
      @Override
      public void refreshed(ResolvedSession session, Failure failure) {
        heard.add(session.claims().role() + " " + failure);
      }
    };
    fixture.core.organizationSwitch().switchTo(FakeFacts.get("/switch-organization").method("POST")
        .cookie(cookie(Who.LINUS)).build(), organizationId(ENGINES), "/", CoreFixture.SITE, events);
    assertEquals(List.of("admin null"), heard);
  }

  Decision switchTo(String cookie, String organizationId) {
    return fixture.core.organizationSwitch().switchTo(FakeFacts.get("/switch-organization").method("POST")
        .cookie(cookie).build(), organizationId, "/reports", CoreFixture.SITE, SessionEvents.NONE);
  }

  static String sealedIn(Decision decision) {
    return decision.effects().cookies().stream().filter(CookieChange.SetSession.class::isInstance)
        .map(c -> ((CookieChange.SetSession) c).sealedValue()).reduce((a, b) -> b).orElseThrow();
  }

  private String cookie(Who who) {
    return switch (who) {
      case NOBODY -> null;
      case GARBAGE -> "Fe26.2*1*garbage~2";
      case LINUS -> fixture.cookieFor("linus@example.com");
      case ADA -> fixture.cookieFor("ada@example.com");
      case LINUS_DUE -> {
        String cookie = fixture.cookieFor("linus@example.com");
        fixture.advance(Duration.ofSeconds(250));
        yield cookie;
      }
      case LINUS_REVOKED -> {
        String cookie = fixture.cookieFor("linus@example.com");
        fixture.emulator.revokeSession(SessionReference.of(fixture.codec.unseal(cookie).orElseThrow().accessToken())
            .orElseThrow().sessionId());
        fixture.advance(Duration.ofSeconds(360));
        yield cookie;
      }
    };
  }

  private String userOf(String cookie) {
    return ((AuthOutcome.Authenticated) fixture.authenticator.authenticate(cookie)).session().claims().userId();
  }

  /** The id of one of the seeded organizations; anything else as it is. */
  private String organizationId(String name) {
    return organizations.getOrDefault(name, name);
  }
}
