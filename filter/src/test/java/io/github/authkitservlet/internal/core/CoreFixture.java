package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.IssuedSession;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.authn.SessionPolicy;
import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.ConfigException;
import io.github.authkitservlet.internal.config.SettingSource;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.session.SessionUser;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.IssuerCheck;
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
    this.authenticator = new SessionAuthenticator(codec, verifier, workos, clock, SessionPolicy.of(config));
    this.core = new AuthKitCore(config, workos, authenticator, new FlowStateCodec(config.cookiePasswords(), clock), clock);
  }

  /** A signed-in session cookie for a seeded user, as the callback would have set it. */
  String cookieFor(String email) {
    IssuedSession session = emulator.issueSession(email);
    return codec.seal(new SessionData(session.accessToken(), session.refreshToken(), null, session.organizationId(),
        "Password", null));
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
      what = "proceed " + (proceed.session() == null ? "anonymous" : "user");
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

  @Override
  public void close() {
    workos.close();
  }
}
