package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.CallbackLogic.CallbackRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
        row("no state", f -> new CallbackRequest(null, f.code(), null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store]"),
        row("empty state", f -> new CallbackRequest("", f.code(), null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store]"),
        row("state of 3,000 characters", f -> new CallbackRequest("s".repeat(3000), f.code(), null, null, f::cookie), UP,
            "refuse 400 sign_in_failed page [no-store]"),
        row("no flow cookie (expired, used, another browser)", f -> new CallbackRequest(f.state(), f.code(), null, null,
            name -> Optional.empty()), UP, "refuse 400 sign_in_failed page [no-store]"),
        row("a flow cookie that does not unseal", f -> new CallbackRequest(f.state(), f.code(), null, null,
            name -> Optional.of("Fe26.2*1*forged~2")), UP, "refuse 400 sign_in_failed page [no-store ClearFlow]"),
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

  CoreFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new CoreFixture(WORKOS.emulator(), Map.of());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void completes(String name, Tamper tamper, Consumer<AuthKitEmulator> workos, String expected) throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture, "/reports?year=2026", "ada@example.com");
    workos.accept(fixture.emulator);
    Decision decision = fixture.core.callback().complete(tamper.apply(flow), CoreFixture.SITE);
    assertEquals(expected, CoreFixture.describe(decision));
    if (decision instanceof Decision.Refuse refuse) {
      assertEquals("/app/login", refuse.tryAgainHref(), "every failure offers to sign in again");
    }
  }

  @Test
  void theMessagesSayWhatHappened() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture, "/", "ada@example.com");
    Decision.Refuse reported = (Decision.Refuse) fixture.core.callback().complete(
        new CallbackRequest(flow.state(), null, "access_denied", "x".repeat(300), flow::cookie), CoreFixture.SITE);
    assertEquals("Sign-in did not complete", reported.title());
    assertTrue(reported.message().startsWith("WorkOS reported: access_denied (" + "x".repeat(200) + "…)"), reported.message());

    Decision.Refuse refused = (Decision.Refuse) fixture.core.callback().complete(
        new CallbackRequest(flow.state(), "bogus", null, null, flow::cookie), CoreFixture.SITE);
    assertTrue(refused.message().contains("(invalid_grant)"), refused.message());

    fixture.emulator.addErrorHook("POST", "/user_management/authenticate", 401, null, 1, Duration.ZERO);
    SignInFlow again = SignInFlow.walk(fixture, "/", "ada@example.com");
    Decision.Refuse apiKey = (Decision.Refuse) fixture.core.callback().complete(genuine(again), CoreFixture.SITE);
    assertTrue(apiKey.message().contains("(workos_rejected_api_key)"), apiKey.message());
  }

  @Test
  void aSessionTooLargeForACookieIsRefusedLoudly() throws Exception {
    CallbackLogic tight = new CallbackLogic(fixture.workos, new io.github.authkitservlet.internal.session.FlowStateCodec(
        fixture.config.cookiePasswords(), fixture.clock), fixture.authenticator, "n".repeat(CookieSize.MAX_BYTES));
    SignInFlow flow = SignInFlow.walk(fixture, "/", "ada@example.com");
    Decision decision = tight.complete(genuine(flow), CoreFixture.SITE);
    assertEquals("refuse 500 session_too_large page [no-store ClearFlow]", CoreFixture.describe(decision));
  }

  @Test
  void aStateIsUsedOnce() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture, "/", "ada@example.com");
    assertInstanceOf(Decision.Redirect.class, fixture.core.callback().complete(genuine(flow), CoreFixture.SITE));
    // The browser deleted the flow cookie as told; the same link again finds none.
    Decision replay = fixture.core.callback().complete(
        new CallbackRequest(flow.state(), flow.code(), null, null, name -> Optional.empty()), CoreFixture.SITE);
    assertEquals("refuse 400 sign_in_failed page [no-store]", CoreFixture.describe(replay));
  }

  @Test
  void theSessionCookieHoldsTheSignedInUser() throws Exception {
    SignInFlow flow = SignInFlow.walk(fixture, "/", "grace@example.com");
    Decision.Redirect redirect = assertInstanceOf(Decision.Redirect.class,
        fixture.core.callback().complete(genuine(flow), CoreFixture.SITE));
    CookieChange.SetSession set = (CookieChange.SetSession) redirect.effects().cookies().get(1);
    assertEquals("grace@example.com", fixture.codec.unseal(set.sealedValue()).orElseThrow().user().email());
  }
}
