package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.testsupport.TokenMint;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SecurityLogic#decide} for requests with {@code Authorization: Bearer}, as a table: the
 * declaration's rules, the credential (and any session cookie sent with it), the state of WorkOS,
 * and the decision. WorkOS is the emulator over real HTTP, signing with a key this test holds, so
 * rows can carry well-signed tokens WorkOS would never issue.
 */
class BearerDecisionTest {

  static final TokenMint MINT = TokenMint.generate(Clock.systemUTC());

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension(b -> b.signingKey(MINT.pem()));

  static final String VALID_KEY = "sk_demo_reports_0123456789abcdef";
  static final String EXPIRED_KEY = "sk_demo_expired_0123456789abcdef";

  static final Map<String, String> RULES = Map.of("public-paths", "/ /public/*", "api-paths", "/api/*");
  static final Map<String, String> WITH_KEYS = Map.of("api-paths", "/api/*", "bearer", "access-token api-key");
  static final Map<String, String> KEYS_ONLY = Map.of("api-paths", "/api/*", "bearer", "api-key");
  static final Map<String, String> NO_BEARER = Map.of("api-paths", "/api/*", "bearer", "none");
  static final Map<String, String> ADMINS = Map.of("api-paths", "/api/*", "roles-allowed", "admin");
  static final Map<String, String> READERS =
      Map.of("api-paths", "/api/*", "bearer", "access-token api-key", "permissions-required", "reports:read");
  static final Map<String, String> WRITERS =
      Map.of("api-paths", "/api/*", "bearer", "access-token api-key", "permissions-required", "reports:write");

  static final Consumer<AuthKitEmulator> WORKOS_UP = w -> { };
  static final Consumer<AuthKitEmulator> JWKS_DOWN =
      w -> w.addErrorHook("GET", "/sso/jwks/*", 503, null, 0, Duration.ZERO);
  static final Consumer<AuthKitEmulator> VALIDATIONS_DOWN =
      w -> w.addErrorHook("POST", "/api_keys/validations", 503, null, 0, Duration.ZERO);

  static final String INVALID = "refuse 401 invalid_token json www-authenticate [no-store]";
  static final String UNAUTHENTICATED = "refuse 401 unauthenticated json www-authenticate [no-store]";

  /**
   * A row's Authorization header value and session cookie (either may be null), made from the
   * fixture, and who says whether a caller is needed.
   */
  record Credentials(Function<BearerDecisionTest, String> authorization, Function<BearerDecisionTest, String> cookie,
      Protection protection) {

    Credentials protection(Protection by) {
      return new Credentials(authorization, cookie, by);
    }
  }

  static Credentials bearer(Function<BearerDecisionTest, String> credential) {
    return new Credentials(t -> "Bearer " + credential.apply(t), t -> null, Protection.RULES);
  }

  static Credentials header(Function<BearerDecisionTest, String> authorization) {
    return new Credentials(authorization, t -> null, Protection.RULES);
  }

  static Credentials header(String authorization) {
    return header(t -> authorization);
  }

  static Credentials withCookie(Function<BearerDecisionTest, String> authorization,
      Function<BearerDecisionTest, String> cookie) {
    return new Credentials(authorization, cookie, Protection.RULES);
  }

  static Arguments row(String name, Map<String, String> rules, String path, Credentials credentials,
      Consumer<AuthKitEmulator> workos, String expected) {
    return Arguments.of(name, rules, path, credentials, workos, expected);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        // WorkOS access tokens.
        row("ada's access token", RULES, "/api/me", bearer(t -> t.tokenOf("ada@example.com")), WORKOS_UP,
            "proceed token [no-store]"),
        row("scheme in lower case", RULES, "/api/me", header(t -> "bearer " + t.tokenOf("ada@example.com")),
            WORKOS_UP, "proceed token [no-store]"),
        row("a token on a public API path shows the caller", Map.of("public-paths", "/api/*", "api-paths", "/api/*"),
            "/api/me", bearer(t -> t.tokenOf("ada@example.com")), WORKOS_UP, "proceed token [no-store]"),
        row("expired beyond the leeway", RULES, "/api/me", bearer(t -> t.expiredTokenOf("ada@example.com", 340)),
            WORKOS_UP, INVALID),
        row("expired within the leeway", RULES, "/api/me", bearer(t -> t.expiredTokenOf("ada@example.com", 310)),
            WORKOS_UP, "proceed token [no-store]"),
        row("its session was signed out here", RULES, "/api/me", bearer(BearerDecisionTest::signedOutToken), WORKOS_UP,
            INVALID),
        row("alg none", RULES, "/api/me", bearer(t -> t.unsigned()), WORKOS_UP, INVALID),
        row("HS256 signed with the public key", RULES, "/api/me", bearer(t -> t.hmacWithPublicKey()), WORKOS_UP,
            INVALID),
        row("another client's token (issuer)", RULES, "/api/me",
            bearer(t -> t.forged(b -> b.issuer(t.emulator().baseUrl() + "/user_management/client_other"))), WORKOS_UP,
            INVALID),
        row("another client's token (client_id)", RULES, "/api/me",
            bearer(t -> t.forged(b -> b.issuer(t.ourIssuer()).claim("client_id", "client_other"))), WORKOS_UP, INVALID),
        row("wrong issuer", RULES, "/api/me", bearer(t -> t.forged(b -> b.issuer("https://login.evil.example"))),
            WORKOS_UP, INVALID),
        row("well signed for us (control)", RULES, "/api/me", bearer(t -> t.forged(b -> b.issuer(t.ourIssuer()))),
            WORKOS_UP, "proceed token [no-store]"),
        row("a bad signature", RULES, "/api/me", bearer(t -> flip(t.tokenOf("ada@example.com"))), WORKOS_UP, INVALID),
        row("no signing keys to be had", RULES, "/api/me", bearer(t -> t.tokenOf("ada@example.com")), JWKS_DOWN,
            "refuse 503 unavailable json retry-after [no-store]"),
        row("access tokens not accepted here", KEYS_ONLY, "/api/me", bearer(t -> t.tokenOf("ada@example.com")),
            WORKOS_UP, INVALID),
        // Malformed headers.
        row("Bearer and nothing", RULES, "/api/me", header("Bearer"), WORKOS_UP, INVALID),
        row("Bearer and spaces", RULES, "/api/me", header("Bearer    "), WORKOS_UP, INVALID),
        row("two credentials", RULES, "/api/me", header("Bearer abc def"), WORKOS_UP, INVALID),
        row("a quoted credential", RULES, "/api/me", header("Bearer \"abc\""), WORKOS_UP, INVALID),
        row("a comma", RULES, "/api/me", header("Bearer a,b"), WORKOS_UP, INVALID),
        row("16 KB", RULES, "/api/me", header("Bearer " + "A".repeat(16 * 1024)), WORKOS_UP, INVALID),
        row("Basic is no bearer credential", RULES, "/api/me", header("Basic YWRhOnB3"), WORKOS_UP, UNAUTHENTICATED),
        row("Bearerx is another scheme", RULES, "/api/me", header("Bearerx abc"), WORKOS_UP, UNAUTHENTICATED),
        // Customers' API keys.
        row("the demo API key", WITH_KEYS, "/api/reports", bearer(t -> VALID_KEY), WORKOS_UP, "proceed api-key [no-store]"),
        row("API keys not accepted (the default)", RULES, "/api/reports", bearer(t -> VALID_KEY), WORKOS_UP, INVALID),
        row("an unknown API key", WITH_KEYS, "/api/reports", bearer(t -> "sk_unknown_0123456789abcdef"), WORKOS_UP,
            INVALID),
        row("an expired API key", WITH_KEYS, "/api/reports", bearer(t -> EXPIRED_KEY), WORKOS_UP, INVALID),
        row("the application's own API key", WITH_KEYS, "/api/reports", bearer(t -> t.emulator().apiKey()), WORKOS_UP,
            INVALID),
        row("not shaped like an API key", WITH_KEYS, "/api/reports", bearer(t -> "pk_0123456789abcdef"), WORKOS_UP,
            INVALID),
        row("WorkOS down while validating", WITH_KEYS, "/api/reports", bearer(t -> VALID_KEY), VALIDATIONS_DOWN,
            "refuse 503 unavailable json retry-after [no-store]"),
        // Roles and permissions of the declaration.
        row("member's token where admins only", ADMINS, "/api/admin", bearer(t -> t.tokenOf("ada@example.com")),
            WORKOS_UP, "refuse 403 forbidden json www-authenticate [no-store]"),
        row("admin's token where admins only", ADMINS, "/api/admin", bearer(t -> t.tokenOf("grace@example.com")),
            WORKOS_UP, "proceed token [no-store]"),
        row("an API key where admins only", Map.of("api-paths", "/api/*", "bearer", "api-key", "roles-allowed", "admin"),
            "/api/admin", bearer(t -> VALID_KEY), WORKOS_UP, "refuse 403 forbidden json www-authenticate [no-store]"),
        row("an API key with reports:read", READERS, "/api/reports", bearer(t -> VALID_KEY), WORKOS_UP,
            "proceed api-key [no-store]"),
        row("an API key without reports:write", WRITERS, "/api/reports", bearer(t -> VALID_KEY), WORKOS_UP,
            "refuse 403 forbidden json www-authenticate [no-store]"),
        // The credential wins over a session cookie: never read, refreshed, cleared or set.
        row("a valid cookie and a bad token", RULES, "/api/me",
            withCookie(t -> "Bearer not.a.token", t -> t.cookieOf("grace@example.com")), WORKOS_UP, INVALID),
        row("a garbage cookie and a good token", RULES, "/api/me",
            withCookie(t -> "Bearer " + t.tokenOf("ada@example.com"), t -> "Fe26.2*1*garbage~2"), WORKOS_UP,
            "proceed token [no-store]"),
        row("a cookie due for refresh and a good token", RULES, "/api/me",
            withCookie(t -> "Bearer " + t.tokenOf("ada@example.com"), BearerDecisionTest::cookieDueForRefresh),
            WORKOS_UP, "proceed token [no-store]"),
        // Outside api-paths, or where the declaration takes none, the header is not a credential.
        row("a token on a page path", RULES, "/dashboard", bearer(t -> t.tokenOf("ada@example.com")), WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("a token where bearer=none", NO_BEARER, "/api/me", bearer(t -> t.tokenOf("ada@example.com")), WORKOS_UP,
            UNAUTHENTICATED),
        row("a token on a page path with a session", RULES, "/dashboard",
            withCookie(t -> "Bearer x.y.z", t -> t.cookieOf("ada@example.com")), WORKOS_UP, "proceed user [no-store]"),
        // The container decides (the Jakarta Authentication module): bearer credentials the same.
        row("container requires, good token", RULES, "/api/me", bearer(t -> t.tokenOf("ada@example.com"))
            .protection(Protection.CONTAINER_REQUIRED), WORKOS_UP, "proceed token [no-store]"),
        row("container optional, bad token", RULES, "/api/me", header("Bearer nope").protection(Protection.CONTAINER_OPTIONAL),
            WORKOS_UP, INVALID));
  }

  @RegisterExtension
  final FreshCoreFixture core = new FreshCoreFixture(WORKOS);

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decides(String name, Map<String, String> initParams, String path, Credentials credentials,
      Consumer<AuthKitEmulator> workos, String expected) throws Exception {
    FakeFacts request = FakeFacts.get(path).header("Accept", "*/*").protection(credentials.protection());
    String authorization = credentials.authorization().apply(this);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request.cookie(credentials.cookie().apply(this));
    long validations = emulator().counter("api_key_validation");
    workos.accept(emulator());
    Decision decision = decide(request.build(), initParams);
    assertEquals(expected, CoreFixture.describe(decision));
    if (name.equals("the application's own API key") || name.equals("not shaped like an API key")) {
      assertEquals(validations, emulator().counter("api_key_validation"), "WorkOS was not asked");
    }
    if (authorization != null && path.startsWith("/api/") && !initParams.equals(NO_BEARER)) {
      assertEquals(0, emulator().counter("grant.refresh_token"), "a bearer request never refreshes");
    }
  }

  // ---------------------------------------------------------------- beyond one row

  @Test
  void theCallerOfATokenIsTheTokensUser() throws Exception {
    String token = tokenOf("grace@example.com");
    Decision.Proceed proceed = assertInstanceOf(Decision.Proceed.class,
        decide(FakeFacts.get("/api/me").bearer(token).build(), RULES));
    Caller.AccessToken caller = assertInstanceOf(Caller.AccessToken.class, proceed.caller());
    assertEquals(List.of("admin"), caller.roles());
    assertTrue(caller.permissions().contains("reports:read"), caller.permissions().toString());
    assertEquals(token, caller.token());
    assertTrue(!caller.toString().contains(token), "no token in toString");
  }

  @Test
  void theCallerOfAnApiKeyIsItsOrganizationWithItsPermissions() throws Exception {
    Decision.Proceed proceed = assertInstanceOf(Decision.Proceed.class,
        decide(FakeFacts.get("/api/reports").bearer(VALID_KEY).build(), WITH_KEYS));
    Caller.ApiKey caller = assertInstanceOf(Caller.ApiKey.class, proceed.caller());
    assertEquals("organization", caller.key().ownerType());
    assertTrue(caller.key().ownerId().startsWith("org_"), caller.key().ownerId());
    assertEquals(caller.key().ownerId(), caller.key().organizationId());
    assertEquals(List.of("reports:read"), caller.permissions());
    assertEquals(List.of(), caller.roles());
  }

  @Test
  void aRepeatedApiKeyIsValidatedAtWorkOsOnceUntilItsTimeIsUp() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertEquals("proceed api-key [no-store]", describe("/api/reports", VALID_KEY, WITH_KEYS));
    }
    assertEquals(1, emulator().counter("api_key_validation"));
    fixture().advance(Duration.ofSeconds(61)); // workos.api-key-cache-ttl = 60 s
    assertEquals("proceed api-key [no-store]", describe("/api/reports", VALID_KEY, WITH_KEYS));
    assertEquals(2, emulator().counter("api_key_validation"));
  }

  @Test
  void aRepeatedUnknownKeyIsRememberedBriefly() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertEquals(INVALID, describe("/api/reports", "sk_unknown_0123456789abcdef", WITH_KEYS));
    }
    assertEquals(1, emulator().counter("api_key_validation"));
    fixture().advance(Duration.ofSeconds(31));
    assertEquals(INVALID, describe("/api/reports", "sk_unknown_0123456789abcdef", WITH_KEYS));
    assertEquals(2, emulator().counter("api_key_validation"));
  }

  @Test
  void newKeysBeyondTheValidationRateGet503WhileKnownKeysStillWork() throws Exception {
    try (CoreFixture slow = new CoreFixture(emulator(), Map.of("workos.api-key-validation-rate", "2"))) {
      assertEquals("proceed api-key [no-store]", describe(slow, "/api/reports", VALID_KEY, WITH_KEYS));
      assertEquals(INVALID, describe(slow, "/api/reports", "sk_guess_00000000000001", WITH_KEYS));
      assertEquals("refuse 503 unavailable json retry-after [no-store]",
          describe(slow, "/api/reports", "sk_guess_00000000000002", WITH_KEYS));
      assertEquals("proceed api-key [no-store]", describe(slow, "/api/reports", VALID_KEY, WITH_KEYS),
          "a key already validated draws nothing from the budget");
      assertEquals(2, emulator().counter("api_key_validation"));
    }
  }

  @Test
  void concurrentRequestsWithTheSameNewKeyShareOneValidation() throws Exception {
    // Status 0: a delay only, so that the eight requests meet while the first validation runs.
    emulator().addErrorHook("POST", "/api_keys/validations", 0, null, 0, Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Callable<String> call = () -> describe("/api/reports", VALID_KEY, WITH_KEYS);
      List<Future<String>> answers = pool.invokeAll(java.util.Collections.nCopies(8, call), 20, TimeUnit.SECONDS);
      for (Future<String> answer : answers) {
        assertEquals("proceed api-key [no-store]", answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, emulator().counter("api_key_validation"));
  }

  @Test
  void aTokenRememberedAsValidIsRefusedOnceItsSessionIsSignedOutHere() throws Exception {
    String cookie = cookieOf("ada@example.com");
    String token = fixture().codec.unseal(cookie).map(SessionData::accessToken).orElseThrow();
    assertEquals("proceed token [no-store]", describe("/api/me", token, RULES));
    fixture().authenticator.endSession(cookie);
    assertEquals(INVALID, describe("/api/me", token, RULES));
  }

  @Test
  void theChallengeNamesTheErrorOnly() throws Exception {
    Decision.Refuse refuse = assertInstanceOf(Decision.Refuse.class,
        decide(FakeFacts.get("/api/me").bearer("a.b.c").build(), RULES));
    assertEquals("Bearer realm=\"/app\", error=\"invalid_token\"", refuse.wwwAuthenticate());
    assertEquals("The bearer credential is not valid.", refuse.message());
  }

  // ---------------------------------------------------------------- helpers

  CoreFixture fixture() {
    return core.get();
  }

  AuthKitEmulator emulator() {
    return fixture().emulator;
  }

  Decision decide(RequestFacts facts, Map<String, String> initParams) throws AccessRules.InvalidParam {
    return decide(fixture(), facts, initParams);
  }

  static Decision decide(CoreFixture on, RequestFacts facts, Map<String, String> initParams)
      throws AccessRules.InvalidParam {
    return on.core.security().decide(facts, AccessRules.parse(new HashMap<>(initParams)::get), CoreFixture.SITE,
        CoreFixture.freshMemory());
  }

  String describe(String path, String credential, Map<String, String> initParams) throws Exception {
    return describe(fixture(), path, credential, initParams);
  }

  static String describe(CoreFixture on, String path, String credential, Map<String, String> initParams)
      throws Exception {
    return CoreFixture.describe(decide(on, FakeFacts.get(path).bearer(credential).build(), initParams));
  }

  String cookieOf(String email) {
    return fixture().cookieFor(email);
  }

  String tokenOf(String email) {
    return emulator().issueSession(email).accessToken();
  }

  /** A token of {@code email}, then the clocks moved {@code seconds} on (tokens live 300 s). */
  String expiredTokenOf(String email, int seconds) {
    String token = tokenOf(email);
    fixture().advance(Duration.ofSeconds(seconds));
    return token;
  }

  String cookieDueForRefresh() {
    String cookie = cookieOf("ada@example.com");
    fixture().advance(Duration.ofSeconds(250));
    return cookie;
  }

  String signedOutToken() {
    String cookie = cookieOf("ada@example.com");
    String token = fixture().codec.unseal(cookie).map(SessionData::accessToken).orElseThrow();
    fixture().authenticator.endSession(cookie);
    return token;
  }

  String ourIssuer() {
    return emulator().baseUrl() + "/user_management/" + emulator().clientId();
  }

  String keyId() {
    try {
      return JWKSet.load(new URL(emulator().baseUrl() + "/sso/jwks/" + emulator().clientId())).getKeys().get(0).getKeyID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed with the emulator's key, for the fixture's clock. */
  String forged(java.util.function.UnaryOperator<JWTClaimsSet.Builder> claims) {
    return MINT.sign(keyId(), b -> claims.apply(b.expirationTime(Date.from(fixture().clock.instant().plusSeconds(300)))));
  }

  String unsigned() {
    return new PlainJWT(new JWTClaimsSet.Builder().issuer(ourIssuer()).subject("user_forged").claim("sid", "session_forged")
        .expirationTime(Date.from(fixture().clock.instant().plusSeconds(300))).build()).serialize();
  }

  String hmacWithPublicKey() {
    try {
      RSAKey published = (RSAKey) JWKSet.load(new URL(emulator().baseUrl() + "/sso/jwks/" + emulator().clientId()))
          .getKeys().get(0);
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
          new JWTClaimsSet.Builder().issuer(ourIssuer()).subject("user_forged").claim("sid", "session_forged")
              .expirationTime(Date.from(fixture().clock.instant().plusSeconds(300))).build());
      jwt.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
      return jwt.serialize();
    } catch (JOSEException | java.io.IOException | java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One character in the middle of the signature changed (the last one may only hold padding bits). */
  static String flip(String token) {
    int at = token.lastIndexOf('.') + 10;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }
}
