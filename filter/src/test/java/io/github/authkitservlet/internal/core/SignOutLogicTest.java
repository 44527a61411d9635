package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SignOutLogic#signOut}: who may sign out, what ends, and where the browser goes. */
class SignOutLogicTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  /** A declaration with no public paths and no role or permission rules. */
  static final AccessRules ANY_USER = rules();

  CoreFixture fixture;

  static AccessRules rules() {
    try {
      return AccessRules.parse(name -> null);
    } catch (AccessRules.InvalidParam e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    fixture = new CoreFixture(WORKOS.emulator(), Map.of());
  }

  Decision signOut(FakeFacts request, List<String> flows) {
    return fixture.core.signOut().signOut(request.build(), flows, "/app/logout", CoreFixture.SITE);
  }

  static Stream<Arguments> crossSite() {
    return Stream.of(
        Arguments.of("Sec-Fetch-Site cross-site", (UnaryOperator<FakeFacts>) r -> r.header("Sec-Fetch-Site", "cross-site")),
        Arguments.of("Sec-Fetch-Site same-site", (UnaryOperator<FakeFacts>) r -> r.header("Sec-Fetch-Site", "same-site")),
        Arguments.of("a foreign Origin", (UnaryOperator<FakeFacts>) r -> r.method("POST").header("Origin", "https://evil.example")),
        Arguments.of("a foreign Referer", (UnaryOperator<FakeFacts>) r -> r.header("Referer", "https://evil.example/x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crossSite")
  void anotherSiteOnlyGetsAConfirmationAndNothingEnds(String name, UnaryOperator<FakeFacts> headers) {
    String cookie = fixture.cookieFor("ada@example.com");
    Decision decision = signOut(headers.apply(FakeFacts.get("/logout").cookie(cookie)), List.of("wos-auth-flow-1"));
    assertEquals("confirm /app/logout [no-store]", CoreFixture.describe(decision));
    assertEquals("/app/", ((Decision.ConfirmSignOut) decision).stayHref());
    assertEquals(0, fixture.emulator.counter("revoke"));
    assertInstanceOf(Decision.Proceed.class, fixture.core.security().decide(FakeFacts.get("/x").cookie(cookie).build(),
        ANY_USER, CoreFixture.SITE, CoreFixture.freshMemory()), "still signed in");
  }

  @Test
  void aSignOutFromHereEndsTheSessionEverywhereAndGoesThroughWorkOs() {
    String cookie = fixture.cookieFor("ada@example.com");
    Decision decision = signOut(FakeFacts.get("/logout").header("Sec-Fetch-Site", "same-origin").cookie(cookie),
        List.of("wos-auth-flow-1", "wos-auth-flow-2"));
    assertEquals("redirect [no-store ClearSession ClearFlow ClearFlow]",
        CoreFixture.describe(decision).replaceAll("redirect \\S+", "redirect"));
    URI location = URI.create(((Decision.Redirect) decision).location());
    assertEquals(fixture.emulator.baseUrl() + "/user_management/sessions/logout", location.toString().split("\\?")[0]);
    Map<String, String> query = SignInFlow.query(location);
    assertEquals("http://localhost:8080/app/", query.get("return_to"));
    assertEquals(1, fixture.emulator.counter("revoke"));
    assertEquals("refuse 401 unauthenticated json www-authenticate [no-store ClearSession]",
        CoreFixture.describe(fixture.core.security().decide(FakeFacts.get("/x").asApi().cookie(cookie).build(),
            ANY_USER, CoreFixture.SITE, CoreFixture.freshMemory())), "no copy of the cookie works afterwards");
  }

  @Test
  void anExpiredSessionIsStillEndedAtWorkOs() {
    String cookie = fixture.cookieFor("ada@example.com");
    fixture.advance(Duration.ofHours(2));
    Decision.Redirect redirect = assertInstanceOf(Decision.Redirect.class, signOut(FakeFacts.get("/logout").cookie(cookie), List.of()));
    assertEquals(true, SignInFlow.query(URI.create(redirect.location())).get("session_id").startsWith("session_"));
  }

  @Test
  void withoutASessionTheBrowserGoesStraightToTheApplication() {
    for (String cookie : new String[] {null, "garbage"}) {
      Decision decision = signOut(FakeFacts.get("/logout").cookie(cookie), List.of());
      assertEquals("redirect http://localhost:8080/app/ [no-store ClearSession]", CoreFixture.describe(decision));
    }
  }

  @Test
  void theReturnAddressFollowsTheConfigurationNeverTheRequest() throws Exception {
    fixture.close();
    fixture = new CoreFixture(WORKOS.emulator(), Map.of("workos.logout-return-uri", "/signed-out"));
    Decision decision = signOut(FakeFacts.get("/logout").origin("http://evil.example"), List.of());
    assertEquals("redirect http://localhost:8080/signed-out [no-store ClearSession]", CoreFixture.describe(decision));

    fixture.close();
    fixture = new CoreFixture(WORKOS.emulator(), Map.of("workos.logout-return-uri", "https://www.example.com/bye"));
    assertEquals("redirect https://www.example.com/bye [no-store ClearSession]",
        CoreFixture.describe(signOut(FakeFacts.get("/logout").origin("http://evil.example"), List.of())));

    fixture.close();
    fixture = new CoreFixture(WORKOS.emulator(), Map.of("workos.redirect-uri", "/app/callback"));
    assertEquals("redirect http://other.example:9000/app/ [no-store ClearSession]",
        CoreFixture.describe(signOut(FakeFacts.get("/logout").origin("http://other.example:9000"), List.of())),
        "a path redirect URI takes its origin from the request, as the container resolved it");
  }
}
