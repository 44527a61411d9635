package io.github.authkitservlet.internal.session;

import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.workos.WorkOS;
import com.workos.common.json.ObjectMapperFactory;
import com.workos.models.AuthenticateResponse;
import com.workos.session.Iron;
import com.workos.session.SessionKt;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionCookieCodecTest {

  private static final String CURRENT = "current-cookie-password-0123456789abcdef";
  private static final String PREVIOUS = "previous-cookie-password-0123456789abcde";
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

  private static TestVectors vectors;

  @BeforeAll
  static void loadVectors() throws IOException {
    vectors = TestVectors.load();
  }

  private static SessionData fullSession() {
    SessionUser user = new SessionUser("user_01ABC", "grace@example.com", true, "Grace", "Hopper",
        "https://example.com/grace.png", "2026-11-01T09:00:00.000Z", "ext-42", Map.of("team", "navy"), "en-US",
        "2026-01-01T00:00:00.000Z", "2026-11-01T09:00:00.000Z");
    return new SessionData("eyJ.access.token", "rt_123", user, "org_01XYZ", "Password",
        new Impersonator("admin@example.com", "support ticket 7"));
  }

  // ---- the Node SDK vectors ------------------------------------------------------------------

  @Test
  void readsTheNodeSdkCookie() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("1")), NOW);
    SessionData session = codec.unseal(vectors.sealed("node-sdk-sealed-session")).orElseThrow();
    assertMatchesVectorPayload(session);
  }

  @Test
  void readsTheNodeSdkCookieSealedUnderPasswordIdTwoWhenThatPasswordIsAPreviousOne() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("1"), vectors.password("2")), NOW);
    assertMatchesVectorPayload(codec.unseal(vectors.sealed("rotated-password-id-2")).orElseThrow());
  }

  @Test
  void readsTheIdTwoCookieWhenItsPasswordIsTheCurrentOne() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("2")), NOW);
    assertMatchesVectorPayload(codec.unseal(vectors.sealed("rotated-password-id-2")).orElseThrow());
  }

  @Test
  void doesNotReadTheIdTwoCookieWithoutItsPassword() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("1")), NOW);
    assertEquals(Optional.empty(), codec.unseal(vectors.sealed("rotated-password-id-2")));
  }

  @Test
  void treatsTheExpiredVectorAsNoSession() {
    String sealed = vectors.sealed("expired-seal");
    long expiration = Long.parseLong(sealed.split("\\*")[5]);
    Clock later = Clock.fixed(Instant.ofEpochMilli(expiration).plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("1")), later);
    assertEquals(Optional.empty(), codec.unseal(sealed));
  }

  @Test
  void treatsTheTamperedVectorAsNoSession() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(vectors.password("1"), vectors.password("2")), NOW);
    assertEquals(Optional.empty(), codec.unseal(vectors.sealed("tampered-ciphertext")));
  }

  private static void assertMatchesVectorPayload(SessionData session) {
    JsonObject payload = vectors.payload();
    JsonObject user = payload.getJsonObject("user");
    assertEquals(payload.getString("accessToken"), session.accessToken());
    assertEquals(payload.getString("refreshToken"), session.refreshToken());
    assertEquals(payload.getString("organizationId"), session.organizationId());
    assertEquals(payload.getString("authenticationMethod"), session.authenticationMethod());
    assertNull(session.impersonator());
    assertEquals(user.getString("id"), session.user().id());
    assertEquals(user.getString("email"), session.user().email());
    assertTrue(session.user().emailVerified());
    assertEquals("Ada", session.user().firstName());
    assertEquals("Lovelace", session.user().lastName());
    assertNull(session.user().profilePictureUrl());
    assertEquals(user.getString("lastSignInAt"), session.user().lastSignInAt());
    assertNull(session.user().externalId());
    assertEquals(Map.of(), session.user().metadata());
    assertNull(session.user().locale());
    assertEquals(user.getString("createdAt"), session.user().createdAt());
    assertEquals(user.getString("updatedAt"), session.user().updatedAt());
  }

  // ---- what we write ---------------------------------------------------------------------------

  @Test
  void roundTripsEveryField() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(CURRENT), NOW);
    SessionData session = fullSession();
    assertEquals(Optional.of(session), codec.unseal(codec.seal(session)));
  }

  @Test
  void roundTripsASessionWithoutOptionalParts() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(CURRENT), NOW);
    SessionData minimal = new SessionData("at", "rt", null, null, null, null);
    assertEquals(Optional.of(minimal), codec.unseal(codec.seal(minimal)));
  }

  @Test
  void writesWhatTheNodeSdkReads() throws Exception {
    // iron-session's unsealData: split off "~2", look the password up by the seal's id in
    // {1: password} (the Node SDK passes a single password), then JSON.parse and use as-is.
    SessionCookieCodec codec = new SessionCookieCodec(List.of(CURRENT, PREVIOUS), NOW);
    String cookie = codec.seal(fullSession());
    assertTrue(cookie.startsWith("Fe26.2*1*"), "password id 1");
    assertTrue(cookie.endsWith("~2"), "iron-session version suffix");
    assertEquals(1, cookie.split("~", -1).length - 1, "exactly one '~'");
    String withoutVersion = cookie.substring(0, cookie.length() - 2);
    assertEquals(8, withoutVersion.split("\\*", -1).length);
    assertEquals("", withoutVersion.split("\\*", -1)[5], "no seal expiration, like the SDKs");

    String json = new IronSeal().unseal(withoutVersion, Map.of("1", CURRENT), NOW);
    JsonObject root = TestVectors.parse(json);
    assertEquals("eyJ.access.token", root.getString("accessToken"));
    assertEquals("rt_123", root.getString("refreshToken"));
    assertEquals("org_01XYZ", root.getString("organizationId"));
    assertEquals("Password", root.getString("authenticationMethod"));
    assertEquals("admin@example.com", root.getJsonObject("impersonator").getString("email"));
    JsonObject user = root.getJsonObject("user");
    assertEquals("user", user.getString("object"));
    assertEquals("Grace", user.getString("firstName"));
    assertEquals("https://example.com/grace.png", user.getString("profilePictureUrl"));
    assertTrue(user.getBoolean("emailVerified"));
    assertEquals("navy", user.getJsonObject("metadata").getString("team"));
    assertFalse(keys(root).stream().anyMatch(k -> k.contains("_")), "no snake_case key anywhere: " + keys(root));
  }

  private static java.util.Set<String> keys(JsonObject object) {
    java.util.Set<String> keys = new java.util.TreeSet<>(object.keySet());
    object.values().stream()
        .filter(v -> v.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT)
        .forEach(v -> keys.addAll(keys(v.asJsonObject())));
    return keys;
  }

  @Test
  void writesTheSameKeySetAsTheNodeSdkVector() {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(CURRENT), NOW);
    SessionData withoutImpersonator = new SessionData("a", "r", fullSession().user(), "org", "Password", null);
    String json;
    try {
      json = new IronSeal().unseal(codec.seal(withoutImpersonator), Map.of("1", CURRENT), NOW);
    } catch (IronException e) {
      throw new AssertionError(e);
    }
    JsonObject written = TestVectors.parse(json);
    assertEquals(vectors.payload().keySet(), written.keySet());
    assertEquals(vectors.payload().getJsonObject("user").keySet(), written.getJsonObject("user").keySet());
  }

  @Test
  void writesWithTheCurrentPassword() {
    SessionCookieCodec rotating = new SessionCookieCodec(List.of(CURRENT, PREVIOUS), NOW);
    String cookie = rotating.seal(fullSession());
    assertTrue(new SessionCookieCodec(List.of(CURRENT), NOW).unseal(cookie).isPresent());
    assertEquals(Optional.empty(), new SessionCookieCodec(List.of(PREVIOUS), NOW).unseal(cookie));
  }

  // ---- rotation --------------------------------------------------------------------------------

  @Test
  void readsCookiesSealedWithThePreviousPasswordAfterRotation() {
    String oldCookie = new SessionCookieCodec(List.of(PREVIOUS), NOW).seal(fullSession());
    assertEquals(Optional.of(fullSession()), new SessionCookieCodec(List.of(CURRENT, PREVIOUS), NOW).unseal(oldCookie));
    assertEquals(Optional.empty(), new SessionCookieCodec(List.of(CURRENT), NOW).unseal(oldCookie),
        "once the previous password is dropped, its cookies are no session");
  }

  // ---- cookies sealed by the Java SDK --------------------------------------------------------

  @Test
  void readsWhatTheJavaSdkSealsFromAnAuthenticateResponse() throws Exception {
    String response = """
        {
          "user": {
            "object": "user", "id": "user_01JAVA", "email": "grace@example.com", "email_verified": true,
            "first_name": "Grace", "last_name": "Hopper", "profile_picture_url": "https://example.com/g.png",
            "external_id": "ext-7", "last_sign_in_at": "2026-11-01T09:00:00Z",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-11-01T09:00:00Z",
            "metadata": {"team": "navy"}, "locale": "en-US"
          },
          "access_token": "eyJ.java.token",
          "refresh_token": "rt_java",
          "organization_id": "org_01JAVA",
          "authentication_method": "Password",
          "impersonator": {"email": "admin@example.com", "reason": "audit"}
        }
        """;
    AuthenticateResponse parsed = ObjectMapperFactory.create().readValue(response, AuthenticateResponse.class);
    String cookie = SessionKt.getSession(new WorkOS("sk_test_unit")).sealAuthResponse(parsed, CURRENT);

    SessionData session = new SessionCookieCodec(List.of(CURRENT), Clock.systemUTC()).unseal(cookie).orElseThrow();
    assertEquals("eyJ.java.token", session.accessToken());
    assertEquals("rt_java", session.refreshToken());
    assertEquals("Password", session.authenticationMethod());
    assertEquals(new Impersonator("admin@example.com", "audit"), session.impersonator());
    assertNull(session.organizationId(), "the Java SDK does not store the organization");
    SessionUser user = session.user();
    assertEquals("user_01JAVA", user.id());
    assertEquals("grace@example.com", user.email());
    assertTrue(user.emailVerified());
    assertEquals("Grace", user.firstName());
    assertEquals("Hopper", user.lastName());
    assertEquals("https://example.com/g.png", user.profilePictureUrl());
    assertEquals("ext-7", user.externalId());
    assertEquals(Map.of("team", "navy"), user.metadata());
    assertEquals("en-US", user.locale());
    assertEquals(Instant.parse("2026-11-01T09:00:00Z"), Instant.parse(user.lastSignInAt()));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse(user.createdAt()));
  }

  @Test
  void readsJavaSdkCookiesSealedWithThePreviousPassword() {
    String json = "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\",\"email\":\"e@x\","
        + "\"email_verified\":false,\"first_name\":null}}";
    String cookie = Iron.INSTANCE.seal(json, PREVIOUS, 0);
    SessionData session = new SessionCookieCodec(List.of(CURRENT, PREVIOUS), Clock.systemUTC()).unseal(cookie).orElseThrow();
    assertEquals("u", session.user().id());
    assertFalse(session.user().emailVerified());
    assertNull(session.user().firstName());
  }

  // ---- hostile input -------------------------------------------------------------------------

  static Stream<Arguments> notASession() {
    IronSeal iron = new IronSeal(NOW, new SecureRandom());
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String deepObject = "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\",\"email\":\"e\",\"metadata\":"
        + "{\"a\":".repeat(40) + "\"x\"" + "}".repeat(40) + "}}";
    String foreign = "foreign-application-password-0123456789ab";
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", ""),
        Arguments.of("garbage", "not a cookie"),
        Arguments.of("a JWT", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"),
        Arguments.of("huge", "Fe26.2*1*" + "A".repeat(100_000)),
        Arguments.of("sealed by a foreign password", iron.seal("{\"accessToken\":\"a\",\"refreshToken\":\"r\"}", "1", foreign, Duration.ZERO)),
        Arguments.of("sealed text that is not JSON", sealed(iron, "hello")),
        Arguments.of("sealed JSON array", sealed(iron, "[1,2,3]")),
        Arguments.of("sealed JSON string", sealed(iron, "\"accessToken\"")),
        Arguments.of("sealed truncated JSON", sealed(iron, "{\"accessToken\":\"a\",")),
        Arguments.of("empty object", sealed(iron, "{}")),
        Arguments.of("no refresh token", sealed(iron, "{\"accessToken\":\"a\"}")),
        Arguments.of("empty access token", sealed(iron, "{\"accessToken\":\"\",\"refreshToken\":\"r\"}")),
        Arguments.of("access token number", sealed(iron, "{\"accessToken\":1,\"refreshToken\":\"r\"}")),
        Arguments.of("refresh token object", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":{}}")),
        Arguments.of("user string", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":\"u\"}")),
        Arguments.of("user without id", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"email\":\"e\"}}")),
        Arguments.of("user without email", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\"}}")),
        Arguments.of("emailVerified string", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\",\"email\":\"e\",\"emailVerified\":\"yes\"}}")),
        Arguments.of("metadata number value", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\",\"email\":\"e\",\"metadata\":{\"n\":1}}}")),
        Arguments.of("metadata array", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"user\":{\"id\":\"u\",\"email\":\"e\",\"metadata\":[]}}")),
        Arguments.of("organizationId number", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"organizationId\":7}")),
        Arguments.of("impersonator without email", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"impersonator\":{\"reason\":\"x\"}}")),
        Arguments.of("impersonator array", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"impersonator\":[]}")),
        Arguments.of("duplicate access token", sealed(iron, "{\"accessToken\":\"a\",\"accessToken\":\"b\",\"refreshToken\":\"r\"}")),
        Arguments.of("deeply nested array", sealed(iron, deep)),
        Arguments.of("deeply nested metadata", sealed(iron, deepObject)),
        Arguments.of("trailing garbage", sealed(iron, "{\"accessToken\":\"a\",\"refreshToken\":\"r\"} x")));
  }

  private static String sealed(IronSeal iron, String plaintext) {
    return iron.seal(plaintext, "1", CURRENT, Duration.ZERO) + "~2";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notASession")
  void treatsHostileValuesAsNoSessionWithoutThrowing(String description, String cookie) {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(CURRENT), NOW);
    assertEquals(Optional.empty(), codec.unseal(cookie), description);
  }

  @Test
  void sessionToStringHidesTheTokens() {
    String text = fullSession().toString();
    assertFalse(text.contains("eyJ.access.token"));
    assertFalse(text.contains("rt_123"));
    assertTrue(text.contains("user_01ABC"));
  }
}
