package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.IssuedSession;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.authn.SessionPolicy;
import io.github.authkitservlet.internal.authn.SessionStores;
import io.github.authkitservlet.internal.bearer.BearerAuthenticator;
import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.ConfigException;
import io.github.authkitservlet.internal.config.SettingSource;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.session.SessionUser;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.IssuerCheck;
import io.github.authkitservlet.internal.token.SessionReference;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import io.github.authkitservlet.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decision core wired as the runtime wires it, against an emulator over real HTTP, for table
 * tests: an application at {@code /app} on {@code http://localhost:8080} with AuthKit's servlets at
 * {@code /login}, {@code /callback} and {@code /logout}.
 */
final class CoreFixture implements AutoCloseable {

  static final String PASSWORD = "core-test-cookie-password-0123456789abcdef";
  static final Site SITE = new Site("/app", Endpoints.of(List.of(
      new Endpoints.Mapped(Endpoints.Kind.SIGN_IN, List.of("/login")),
      new Endpoints.Mapped(Endpoints.Kind.OTHER, List.of("/callback", "/logout")))));

  final AuthKitEmulator emulator;
  final MutableClock clock = new MutableClock(Instant.now());
  final AuthKitConfig config;
  final WorkOsClient workos;
  final SessionCookieCodec codec;
  final SessionAuthenticator authenticator;
  final BearerAuthenticator bearers;
  final AuthKitCore core;

  CoreFixture(AuthKitEmulator emulator, Map<String, String> settings) throws ConfigException {
    this.emulator = emulator;
    Map<String, String> all = new HashMap<>(Map.of(
        "workos.api-key", emulator.apiKey(),
        "workos.client-id", emulator.clientId(),
        "workos.redirect-uri", "http://localhost:8080/app/callback",
        "workos.cookie-password", PASSWORD,
        "workos.api-hostname", "localhost",
        "workos.api-port", Integer.toString(emulator.port()),
        "workos.api-https", "false",
        "workos.http-read-timeout", "2000"));
    all.putAll(settings);
    this.config = AuthKitConfig.load(SettingSource.of(all));
    this.workos = new WorkOsClient(config.apiKey(), config.clientId(), config.apiBaseUrl(),
        config.httpConnectTimeout(), config.httpReadTimeout());
    AccessTokenVerifier verifier = new AccessTokenVerifier(workos.jwksUri(), config.httpConnectTimeout(),
        config.httpReadTimeout(), new IssuerCheck(Set.copyOf(config.tokenIssuers()), config.clientId()));
    this.codec = new SessionCookieCodec(config.cookiePasswords(), clock);
    SessionPolicy policy = SessionPolicy.of(config);
    this.authenticator = new SessionAuthenticator(codec, verifier, workos, clock, policy, SessionStores.memory(clock, policy));
    this.bearers = BearerAuthenticator.of(config, verifier, workos, authenticator::isRevoked, clock);
    this.core = new AuthKitCore(config, workos, authenticator, bearers,
        new FlowStateCodec(config.cookiePasswords(), clock), clock);
  }

  /** A signed-in session cookie for a seeded user, as the callback would have set it. */
  String cookieFor(String email) {
    IssuedSession session = emulator.issueSession(email);
    return codec.seal(new SessionData(session.accessToken(), session.refreshToken(), null, session.organizationId(),
        "Password", null));
  }

  /** The session a table row's request carries. */
  enum Session {
    NONE, GARBAGE,
    /** ada, role member, permission reports:read:own. */
    MEMBER,
    /** grace, role admin, permissions reports:read, reports:write, users:manage. */
    ADMIN,
    /** ada's, 250 s later: within the 60 s refresh buffer, still valid. */
    MEMBER_DUE,
    /** ada's, 360 s later: expired beyond the 30 s leeway. */
    MEMBER_EXPIRED,
    /** ada's, with its session revoked at WorkOS and the token expired. */
    MEMBER_REVOKED
  }

  /** The session cookie of a row (null for none), with the clocks moved as the kind says. */
  String cookie(Session session) {
    return switch (session) {
      case NONE -> null;
      case GARBAGE -> "Fe26.2*1*garbage~2";
      case MEMBER -> cookieFor("ada@example.com");
      case ADMIN -> cookieFor("grace@example.com");
      case MEMBER_DUE -> later(cookieFor("ada@example.com"), Duration.ofSeconds(250));
      case MEMBER_EXPIRED -> later(cookieFor("ada@example.com"), Duration.ofSeconds(360));
      case MEMBER_REVOKED -> {
        String cookie = cookieFor("ada@example.com");
        String sessionId = codec.unseal(cookie).map(s -> SessionReference.of(s.accessToken()).orElseThrow().sessionId())
            .orElseThrow();
        emulator.revokeSession(sessionId);
        yield later(cookie, Duration.ofSeconds(360));
      }
    };
  }

  /** {@code value}, after moving the clocks on by {@code by}. */
  String later(String value, Duration by) {
    advance(by);
    return value;
  }

  /** The same with the user's profile in it, as the callback seals it (id and email only). */
  String cookieWithUserFor(String email) {
    IssuedSession session = emulator.issueSession(email);
    SessionUser user = new SessionUser(session.userId(), email, true, null, null, null, null, null, Map.of(), null,
        null, null);
    return codec.seal(new SessionData(session.accessToken(), session.refreshToken(), user, session.organizationId(),
        "Password", null));
  }

  /** Moves the application's clock and the emulator's together. */
  void advance(Duration by) {
    clock.advance(by);
    emulator.advanceClock(by);
  }

  /** A request memory of its own (a request attribute map). */
  static RequestMemory freshMemory() {
    Map<String, Object> attributes = new HashMap<>();
    return new RequestMemory() {
      @Override
      public Object recall(String key) {
        return attributes.get(key);
      }

      @Override
      public void remember(String key, Object value) {
        attributes.put(key, value);
      }
    };
  }

  /**
   * A decision in one line, for tables: {@code proceed user|anonymous}, {@code redirect <location>},
   * {@code refuse <status> <code> page|json}, {@code confirm <action>}; then the effects, e.g.
   * {@code [no-store SetSession ClearFlow]}.
   */
  static String describe(Decision decision) {
    String what;
    if (decision instanceof Decision.Proceed proceed) {
      what = "proceed " + (proceed.caller() == null ? "anonymous" : callerKind(proceed.caller()));
    } else if (decision instanceof Decision.Redirect redirect) {
      what = "redirect " + redirect.location();
    } else if (decision instanceof Decision.Refuse refuse) {
      what = "refuse " + refuse.status() + " " + refuse.code() + (refuse.page() ? " page" : " json")
          + (refuse.retryAfter() == null ? "" : " retry-after")
          + (refuse.wwwAuthenticate() == null ? "" : " www-authenticate");
    } else {
      what = "confirm " + ((Decision.ConfirmSignOut) decision).action();
    }
    Effects effects = decision.effects();
    String changes = effects.cookies().stream().map(c -> c.getClass().getSimpleName()).collect(Collectors.joining(" "));
    String list = ((effects.noStore() ? "no-store " : "") + changes).strip();
    return what + " [" + list + "]";
  }

  /** {@code user} (a session), {@code token} (a bearer access token) or {@code api-key}. */
  private static String callerKind(Caller caller) {
    if (caller instanceof Caller.Session) {
      return "user";
    }
    return caller instanceof Caller.AccessToken ? "token" : "api-key";
  }

  @Override
  public void close() {
    workos.close();
  }
}
