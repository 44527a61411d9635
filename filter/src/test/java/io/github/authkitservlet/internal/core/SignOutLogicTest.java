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

  Decision signOutTo(FakeFacts request, String returnTo) {
    return fixture.core.signOut().signOut(request.build(), returnTo, List.of(), "/app/logout", CoreFixture.SITE,
        SessionEvents.NONE);
  }

  static Stream<Arguments> returnTos() {
    return Stream.of(
        Arguments.of("/goodbye?from=menu", "http://localhost:8080/app/goodbye?from=menu"),
        Arguments.of("https://www.example.com/bye", "https://www.example.com/bye"),
        Arguments.of("https://www.example.com/bye?x=1", "http://localhost:8080/app/"),
        Arguments.of("https://evil.example/bye", "http://localhost:8080/app/"),
        Arguments.of("//evil.example/bye", "http://localhost:8080/app/"),
        Arguments.of("/\\evil.example", "http://localhost:8080/app/"),
        Arguments.of("/%2F%2Fevil.example", "http://localhost:8080/app/"),
        Arguments.of("/a\r\nSet-Cookie: x=y", "http://localhost:8080/app/"),
        Arguments.of("javascript:alert(1)", "http://localhost:8080/app/"),
        Arguments.of("/" + "p".repeat(3000), "http://localhost:8080/app/"),
        Arguments.of("", "http://localhost:8080/app/"));
  }

  @ParameterizedTest(name = "returnTo {0}")
  @MethodSource("returnTos")
  void aRequestMayAskForAPathInsideTheApplicationOrAListedUrl(String returnTo, String destination) throws Exception {
    fixture.close();
    fixture = new CoreFixture(WORKOS.emulator(), Map.of("workos.logout-return-uris",
        "https://www.example.com/bye, https://status.example.com/"));
    assertEquals("redirect " + destination + " [no-store ClearSession]",
        CoreFixture.describe(signOutTo(FakeFacts.get("/logout").origin("http://evil.example"), returnTo)));
  }

  @Test
  void theReturnPathTravelsThroughWorkOsLogout() {
    String cookie = fixture.cookieFor("ada@example.com");
    Decision.Redirect redirect = assertInstanceOf(Decision.Redirect.class,
        signOutTo(FakeFacts.get("/logout").cookie(cookie), "/goodbye"));
    assertEquals("http://localhost:8080/app/goodbye", SignInFlow.query(URI.create(redirect.location())).get("return_to"));
  }

  @Test
  void theConfirmationPageKeepsAnAcceptedReturnToAndDropsAnyOther() {
    FakeFacts crossSite = FakeFacts.get("/logout").header("Sec-Fetch-Site", "cross-site");
    assertEquals("confirm /app/logout?returnTo=%2Fgoodbye%3Fa%3D1%26b%3D2 [no-store]",
        CoreFixture.describe(signOutTo(crossSite, "/goodbye?a=1&b=2")));
    assertEquals("confirm /app/logout [no-store]", CoreFixture.describe(signOutTo(crossSite, "https://evil.example/")));
  }

  @Test
  void listenersHearWhoseSessionEnded() {
    String cookie = fixture.cookieWithUserFor("ada@example.com");
    String userId = fixture.codec.unseal(cookie).orElseThrow().user().id();
    List<String> heard = new java.util.ArrayList<>();
    SessionEvents events = new SessionEvents() {
      @Override
      public void signedOut(String user, String sessionId) {
        heard.add(user + " " + sessionId.startsWith("session_"));
      }
    };
    fixture.core.signOut().signOut(FakeFacts.get("/logout").cookie(cookie).build(), null, List.of(), "/app/logout",
        CoreFixture.SITE, events);
    fixture.core.signOut().signOut(FakeFacts.get("/logout").header("Sec-Fetch-Site", "cross-site").cookie(cookie).build(),
        null, List.of(), "/app/logout", CoreFixture.SITE, events);
    fixture.core.signOut().signOut(FakeFacts.get("/logout").build(), null, List.of(), "/app/logout", CoreFixture.SITE,
        events);
    assertEquals(List.of(userId + " true"), heard, "one sign-out: not the confirmation, not without a session");
  }
}
