package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.SignInLogic.SignInRequest;
import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SignInLogic#start}: what goes to WorkOS, what is kept in the flow cookie, what is pruned. */
class SignInLogicTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  CoreFixture fixture;
  FlowStateCodec flows;

  @BeforeEach
  void start() throws Exception {
    fixture = new CoreFixture(WORKOS.emulator(), Map.of());
    flows = new FlowStateCodec(fixture.config.cookiePasswords(), fixture.clock);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  Decision.Redirect start(SignInRequest request, String defaultHint) {
    return assertInstanceOf(Decision.Redirect.class, fixture.core.signIn().start(request, defaultHint, CoreFixture.SITE));
  }

  static SignInRequest request(String returnTo, String screenHint, String loginHint, String organization, String prompt) {
    return new SignInRequest("http://localhost:8080", returnTo, screenHint, loginHint, organization, prompt, null, false,
        Map.of());
  }

  static CookieChange.SetFlow flowCookie(Decision decision) {
    return (CookieChange.SetFlow) decision.effects().cookies().stream().filter(CookieChange.SetFlow.class::isInstance)
        .findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "returnTo {0} -> {1}")
  @CsvSource(nullValues = "-", value = {
      "/reports?year=2026, /reports?year=2026",
      "-, /",
      "//evil.example, /",
      "https://evil.example/, /",
      "/\\evil.example, /",
      "/%2F%2Fevil.example, /",
  })
  void theReturnPathIsSanitisedAndSealedInTheFlowCookie(String returnTo, String kept) {
    Decision.Redirect redirect = start(request(returnTo, null, null, null, null), null);
    assertEquals("redirect [no-store SetFlow]", CoreFixture.describe(redirect).replaceAll("redirect \\S+", "redirect"));
    CookieChange.SetFlow set = flowCookie(redirect);
    FlowState flow = flows.unseal(set.sealedValue()).orElseThrow();
    assertEquals(kept, flow.returnPath());
    assertEquals(FlowCookies.nameFor(flow.state()), set.name());
    Map<String, String> query = SignInFlow.query(URI.create(redirect.location()));
    assertEquals(flow.state(), query.get("state"));
    assertEquals("S256", query.get("code_challenge_method"));
    assertEquals("http://localhost:8080/app/callback", query.get("redirect_uri"));
    assertEquals("authkit", query.get("provider"));
  }

  @ParameterizedTest(name = "screen_hint {0} login_hint {1} organization {2} prompt {3}, default {4}")
  @CsvSource(nullValues = "-", value = {
      "sign-up, ada@example.com, org_1, login, -, sign-up, ada@example.com, org_1, login",
      "-, -, -, -, sign-up, sign-up, -, -, -",
      "sign-in, -, -, -, sign-up, sign-in, -, -, -",
      "bogus, '  ', -, maybe, -, -, -, -, -",
  })
  void hintsPassOnlyWhenTheyAreOnesAuthKitKnows(String screenHint, String loginHint, String organization, String prompt,
      String defaultHint, String sentHint, String sentLogin, String sentOrganization, String sentPrompt) {
    Map<String, String> query = SignInFlow.query(URI.create(
        start(request("/", screenHint, loginHint, organization, prompt), defaultHint).location()));
    assertEquals(sentHint, query.get("screen_hint"));
    assertEquals(sentLogin, query.get("login_hint"));
    assertEquals(sentOrganization, query.get("organization_id"));
    assertEquals(sentPrompt, query.get("prompt"));
  }

  @Test
  void overlongOrControlCharacterHintsAreDropped() {
    Map<String, String> query = SignInFlow.query(URI.create(
        start(request("/", null, "a".repeat(321), "org\r\nx", null), null).location()));
    assertEquals(null, query.get("login_hint"));
    assertEquals(null, query.get("organization_id"));
  }

  @Test
  void aNewFlowKeepsAtMostThreeDeletingUnreadableThenOldestFlows() {
    Map<String, String> existing = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      Decision.Redirect earlier = start(request("/" + i, null, null, null, null), null);
      CookieChange.SetFlow set = flowCookie(earlier);
      existing.put(set.name(), set.sealedValue());
      fixture.clock.advance(Duration.ofSeconds(1));
    }
    existing.put(FlowCookies.PREFIX + "junk", "not-a-seal");
    List<String> names = List.copyOf(existing.keySet());

    Decision.Redirect next = start(
        new SignInRequest("http://localhost:8080", "/", null, null, null, null, null, false, existing), null);

    List<CookieChange> changes = next.effects().cookies();
    // Three readable flows plus the new one would be four: the oldest goes, with the unreadable one.
    assertEquals(List.of(new CookieChange.ClearFlow(FlowCookies.PREFIX + "junk"), new CookieChange.ClearFlow(names.get(0))),
        changes.subList(0, 2));
    assertInstanceOf(CookieChange.SetFlow.class, changes.get(2));
    assertEquals(3, changes.size());
    assertTrue(next.effects().noStore());
  }

  @Test
  void everyStartHasItsOwnStateAndVerifier() {
    FlowState a = flows.unseal(flowCookie(start(request("/", null, null, null, null), null)).sealedValue()).orElseThrow();
    FlowState b = flows.unseal(flowCookie(start(request("/", null, null, null, null), null)).sealedValue()).orElseThrow();
    assertNotEquals(a.state(), b.state());
    assertNotEquals(a.codeVerifier(), b.codeVerifier());
    assertTrue(a.state().length() >= 22, "at least 128 bits of state");
  }

  static SignInRequest withState(String returnTo, String customState, boolean restarted) {
    return new SignInRequest("http://localhost:8080", returnTo, null, null, null, null, customState, restarted, Map.of());
  }

  @Test
  void theApplicationsStateIsSealedInTheFlowCookieAndNeverSentToWorkOs() {
    String state = "cart=Zq7x&note=<b>é</b>";
    Decision.Redirect redirect = start(withState("/", state, false), null);
    FlowState flow = flows.unseal(flowCookie(redirect).sealedValue()).orElseThrow();
    assertEquals(state, flow.customState());
    assertTrue(!redirect.location().contains("cart") && !redirect.location().contains("Zq7x"), redirect.location());
    assertTrue(!flowCookie(redirect).sealedValue().contains("cart"), "sealed, not in clear");
    assertEquals(null, flows.unseal(flowCookie(start(withState("/", "", false), null)).sealedValue())
        .orElseThrow().customState(), "an empty state is none");
  }

  @Test
  void theLongestStateFitsWithTheLongestReturnPath() {
    // JSON doubles quotes and backslashes: the worst case for the sealed size.
    String state = "\\".repeat(SignInLogic.MAX_CUSTOM_STATE_BYTES);
    String returnTo = "/" + "p".repeat(io.github.authkitservlet.internal.web.ReturnPaths.MAX_LENGTH - 1);
    FlowState flow = flows.unseal(flowCookie(start(withState(returnTo, state, false), null)).sealedValue()).orElseThrow();
    assertEquals(state, flow.customState());
    assertEquals(returnTo, flow.returnPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "one byte too many, 257",
      "two-byte characters, 129",
  })
  void aStateTooLongForTheCookieIsRefusedNotDropped(String name, int length) {
    String state = name.startsWith("two") ? "é".repeat(length) : "s".repeat(length);
    Decision decision = fixture.core.signIn().start(withState("/", state, false), null, CoreFixture.SITE);
    assertEquals("refuse 400 sign_in_not_started page [no-store]", CoreFixture.describe(decision));
    assertTrue(((Decision.Refuse) decision).message().contains("256 bytes"));
  }

  @Test
  void aStateWithControlCharactersIsRefused() {
    assertEquals("refuse 400 sign_in_not_started page [no-store]", CoreFixture.describe(
        fixture.core.signIn().start(withState("/", "a\r\nb", false), null, CoreFixture.SITE)));
  }

  @Test
  void aRestartedSignInIsMarkedInItsStateAndAnOrdinaryOneIsNot() {
    String restarted = SignInFlow.query(URI.create(start(withState("/", null, true), null).location())).get("state");
    String ordinary = SignInFlow.query(URI.create(start(withState("/", null, false), null).location())).get("state");
    assertTrue(SignInRestart.wasRestarted(restarted), restarted);
    assertTrue(!SignInRestart.wasRestarted(ordinary), ordinary);
    assertTrue(ordinary.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url: " + ordinary);
  }
}
