package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.CallbackLogic.CallbackRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every outcome of {@link CallbackLogic#complete}, as a table: a real sign-in walked on the
 * emulator's hosted page, then the callback request as a row changes it, and the decision.
 */
class CallbackLogicTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  /** Turns the genuine callback request into the row's. */
  interface Tamper extends Function<SignInFlow, CallbackRequest> {}

  static Arguments row(String name, Tamper request, Consumer<AuthKitEmulator> workos, String expected) {
    return Arguments.of(name, request, workos, expected);
  }

  static CallbackRequest genuine(SignInFlow flow) {
    return new CallbackRequest(flow.state(), flow.code(), null, null, flow::cookie);
  }

  static final Consumer<AuthKitEmulator> UP = w -> { };

  static Consumer<AuthKitEmulator> exchangeAnswers(int status) {
    return w -> w.addErrorHook("POST", "/user_management/authenticate", status, null, 1, Duration.ZERO);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("genuine", SignInFlow -> genuine(SignInFlow), UP, "redirect /app/reports?year=2026 [no-store ClearFlow SetSession]"),
        row("WorkOS reports an error", f -> new CallbackRequest(f.state(), null, "access_denied", "<b>no</b>", f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store ClearFlow]"),
        row("an error without state", f -> new CallbackRequest(null, null, "access_denied", null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store]"),
        // Without its flow the code is never exchanged: the browser signs in afresh, once.
        row("no state", f -> new CallbackRequest(null, f.code(), null, null, f::cookie), UP,
            "redirect /app/login?restarted=1 [no-store]"),
        row("empty state", f -> new CallbackRequest("", f.code(), null, null, f::cookie), UP,
            "redirect /app/login?restarted=1 [no-store]"),
        row("state of 3,000 characters", f -> new CallbackRequest("s".repeat(3000), f.code(), null, null, f::cookie), UP,
            "redirect /app/login?restarted=1 [no-store]"),
        row("no flow cookie (expired, used, another browser)", f -> new CallbackRequest(f.state(), f.code(), null, null,
            name -> Optional.empty()), UP, "redirect /app/login?restarted=1 [no-store]"),
        row("a flow cookie that does not unseal", f -> new CallbackRequest(f.state(), f.code(), null, null,
            name -> Optional.of("Fe26.2*1*forged~2")), UP, "redirect /app/login?restarted=1 [no-store ClearFlow]"),
        row("no flow cookie for a restarted sign-in's state", f -> new CallbackRequest("r." + f.state(), f.code(), null,
            null, name -> Optional.empty()), UP, "refuse 400 sign_in_failed page [no-store]"),
        row("another flow's cookie planted under this state's name", f -> new CallbackRequest("planted", f.code(), null,
            null, name -> Optional.of(f.flowCookieValue())), UP, "refuse 400 sign_in_failed page [no-store ClearFlow]"),
        row("no code", f -> new CallbackRequest(f.state(), null, null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store ClearFlow]"),
        row("code of 3,000 characters", f -> new CallbackRequest(f.state(), "c".repeat(3000), null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store ClearFlow]"),
        row("a code WorkOS refuses", f -> new CallbackRequest(f.state(), "not-a-code", null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store ClearFlow]"),
        row("WorkOS 500", SignInFlow -> genuine(SignInFlow), exchangeAnswers(500),
            "refuse 502 workos_unavailable page retry-after [no-store ClearFlow]"),
        row("WorkOS 503", SignInFlow -> genuine(SignInFlow), exchangeAnswers(503),
            "refuse 502 workos_unavailable page retry-after [no-store ClearFlow]"),
        row("WorkOS 429", SignInFlow -> genuine(SignInFlow), exchangeAnswers(429),
            "refuse 503 workos_rate_limited page retry-after [no-store ClearFlow]"),
        row("WorkOS refuses our API key", SignInFlow -> genuine(SignInFlow), exchangeAnswers(401),
            "refuse 502 workos_rejected_api_key page retry-after [no-store ClearFlow]"),
        row("WorkOS hangs past the read timeout", SignInFlow -> genuine(SignInFlow),
            w -> w.addErrorHook("POST", "/user_management/authenticate", 0, null, 1, Duration.ofSeconds(4)),
            "refuse 503 workos_unreachable page retry-after [no-store ClearFlow]"));
  }

  @RegisterExtension
  final FreshCoreFixture core = new FreshCoreFixture(WORKOS);

  CoreFixture fixture() {
    return core.get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void completes(String name, Tamper tamper, Consumer<AuthKitEmulator> workos, String expected) throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/reports?year=2026", "ada@example.com");
    workos.accept(fixture().emulator);
    Decision decision = fixture().core.callback().complete(tamper.apply(flow), CoreFixture.SITE);
    assertEquals(expected, CoreFixture.describe(decision));
    if (decision instanceof Decision.Refuse refuse) {
      assertEquals("/app/login", refuse.tryAgainHref(), "every failure offers to sign in again");
    }
    if (expected.startsWith("redirect /app/login")) {
      assertEquals(0, fixture().emulator.counter("grant.authorization_code"), "a code without its flow is never exchanged");
    }
  }

  @Test
  void theMessagesSayWhatHappened() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "ada@example.com");
    Decision.Refuse reported = (Decision.Refuse) fixture().core.callback().complete(
        new CallbackRequest(flow.state(), null, "access_denied", "x".repeat(300), flow::cookie), CoreFixture.SITE);
    assertEquals("Sign-in did not complete", reported.title());
    assertTrue(reported.message().startsWith("WorkOS reported: access_denied (" + "x".repeat(200) + "…)"), reported.message());

    Decision.Refuse refused = (Decision.Refuse) fixture().core.callback().complete(
        new CallbackRequest(flow.state(), "bogus", null, null, flow::cookie), CoreFixture.SITE);
    assertTrue(refused.message().contains("(invalid_grant)"), refused.message());

    fixture().emulator.addErrorHook("POST", "/user_management/authenticate", 401, null, 1, Duration.ZERO);
    SignInFlow again = SignInFlow.walk(fixture(), "/", "ada@example.com");
    Decision.Refuse apiKey = (Decision.Refuse) fixture().core.callback().complete(genuine(again), CoreFixture.SITE);
    assertTrue(apiKey.message().contains("(workos_rejected_api_key)"), apiKey.message());
  }

  @Test
  void aSessionTooLargeForACookieIsRefusedLoudly() throws Exception {
    CallbackLogic tight = new CallbackLogic(fixture().workos, new io.github.authkitservlet.internal.session.FlowStateCodec(
        fixture().config.cookiePasswords(), fixture().clock), fixture().authenticator, "n".repeat(CookieSize.MAX_BYTES));
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "ada@example.com");
    Decision decision = tight.complete(genuine(flow), CoreFixture.SITE);
    assertEquals("refuse 500 session_too_large page [no-store ClearFlow]", CoreFixture.describe(decision));
  }

  @Test
  void aStateIsUsedOnce() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "ada@example.com");
    assertInstanceOf(Decision.Redirect.class, fixture().core.callback().complete(genuine(flow), CoreFixture.SITE));
    // The browser deleted the flow cookie as told; the same link again finds none, and signs in afresh.
    Decision replay = fixture().core.callback().complete(
        new CallbackRequest(flow.state(), flow.code(), null, null, name -> Optional.empty()), CoreFixture.SITE);
    assertEquals("redirect /app/login?restarted=1 [no-store]", CoreFixture.describe(replay));
    assertEquals(1, fixture().emulator.counter("grant.authorization_code"), "the code was not exchanged again");
  }

  /** Events as a listener heard them: {@code signedIn <email> <state>}, then what the listener answered. */
  static final class HeardEvents implements SessionEvents {
    final List<String> heard = new ArrayList<>();
    final boolean refuse;

    HeardEvents(boolean refuse) {
      this.refuse = refuse;
    }

    @Override
    public void signedIn(io.github.authkitservlet.internal.authn.ResolvedSession session, String customState)
        throws Exception {
      heard.add("signedIn " + session.claims().userId().startsWith("user_") + " " + session.data().user().email()
          + " " + session.data().authenticationMethod() + " " + customState);
      if (refuse) {
        throw new IllegalStateException("not in this application");
      }
    }
  }

  @Test
  void listenersHearOfTheSignInWithTheApplicationsState() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "grace@example.com", "invite=7f3a");
    HeardEvents events = new HeardEvents(false);
    Decision decision = fixture().core.callback().complete(genuine(flow), CoreFixture.SITE, events);
    assertEquals("redirect /app/ [no-store ClearFlow SetSession]", CoreFixture.describe(decision));
    assertEquals(List.of("signedIn true grace@example.com Password invite=7f3a"), events.heard);
  }

  @Test
  void aListenerThatThrowsRefusesTheSignInAndItsWorkOsSessionEnds() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "ada@example.com");
    Decision decision = fixture().core.callback().complete(genuine(flow), CoreFixture.SITE, new HeardEvents(true));
    assertEquals("refuse 403 sign_in_refused page [no-store ClearFlow]", CoreFixture.describe(decision));
    assertEquals(1, fixture().emulator.counter("revoke"), "nobody holds the session: it is ended at WorkOS");
  }

  @Test
  void aSignInWhoseTokenCannotBeCheckedIsNotAnnouncedNorSet() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "ada@example.com");
    fixture().emulator.addErrorHook("GET", "/sso/jwks/*", 503, null, 0, Duration.ZERO);
    HeardEvents events = new HeardEvents(false);
    Decision decision = fixture().core.callback().complete(genuine(flow), CoreFixture.SITE, events);
    assertEquals("refuse 503 keys_unavailable page retry-after [no-store ClearFlow]", CoreFixture.describe(decision));
    assertEquals(List.of(), events.heard);
  }

  @Test
  void theSessionCookieHoldsTheSignedInUser() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture(), "/", "grace@example.com");
    Decision.Redirect redirect = assertInstanceOf(Decision.Redirect.class,
        fixture().core.callback().complete(genuine(flow), CoreFixture.SITE));
    CookieChange.SetSession set = (CookieChange.SetSession) redirect.effects().cookies().get(1);
    assertEquals("grace@example.com", fixture().codec.unseal(set.sealedValue()).orElseThrow().user().email());
  }
}
