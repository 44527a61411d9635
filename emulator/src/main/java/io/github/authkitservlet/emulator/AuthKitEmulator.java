package io.github.authkitservlet.emulator;

import io.github.authkitservlet.emulator.auth.ApiKeyValidations;
import io.github.authkitservlet.emulator.auth.AuthenticateEndpoint;
import io.github.authkitservlet.emulator.auth.AuthorizeEndpoint;
import io.github.authkitservlet.emulator.auth.ImpersonationControlApi;
import io.github.authkitservlet.emulator.auth.OrganizationEndpoints;
import io.github.authkitservlet.emulator.auth.SessionControlApi;
import io.github.authkitservlet.emulator.auth.SessionEndpoints;
import io.github.authkitservlet.emulator.auth.SessionEvents;
import io.github.authkitservlet.emulator.auth.SessionTokens;
import io.github.authkitservlet.emulator.auth.UsersEndpoint;
import io.github.authkitservlet.emulator.control.ControlApi;
import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.control.EmulatorClock;
import io.github.authkitservlet.emulator.control.ErrorHooks;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Ids;
import io.github.authkitservlet.emulator.data.LoopbackUrl;
import io.github.authkitservlet.emulator.data.Seed;
import io.github.authkitservlet.emulator.data.SeedReader;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.data.WebhookEndpoint;
import io.github.authkitservlet.emulator.events.WebhookEndpoints;
import io.github.authkitservlet.emulator.events.WebhookEndpointsApi;
import io.github.authkitservlet.emulator.events.Webhooks;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.EmulatorHttpServer;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import io.github.authkitservlet.emulator.tokens.AccessTokens;
import io.github.authkitservlet.emulator.tokens.JwksEndpoint;
import io.github.authkitservlet.emulator.tokens.RefreshTokens;
import io.github.authkitservlet.emulator.tokens.SigningKeys;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An offline emulator of WorkOS's AuthKit API, served over real HTTP, for tests and local runs.
 * Point any WorkOS SDK at {@link #baseUrl()} with {@link #apiKey()} and {@link #clientId()}.
 *
 * <pre>{@code
 * try (AuthKitEmulator workos = AuthKitEmulator.builder().port(0).start()) {
 *   WorkOS sdk = new WorkOS(workos.apiKey(), workos.clientId(), workos.baseUrl());
 *   ...
 * }
 * }</pre>
 *
 * <p>It serves the hosted sign-in page ({@code /user_management/authorize}), the
 * {@code authorization_code} and {@code refresh_token} grants, the JWKS, logout, session
 * revocation and user lookup, webhook endpoints with signed {@code session.*} events (to loopback
 * URLs only), plus a control API under {@code /_emulate/}. In JUnit 5 tests use
 * {@link AuthKitEmulatorExtension}. It is not WorkOS: never point production at it.
 */
public final class AuthKitEmulator implements AutoCloseable {

  /** Port of the official WorkOS emulator, used by the standalone runner. */
  public static final int DEFAULT_PORT = 4100;

  private final EmulatorHttpServer server;
  private final EmulatorClock clock;
  private final Counters counters;
  private final ErrorHooks hooks;
  private final SigningKeys keys;
  private final Directory directory;
  private final Sessions sessions;
  private final AuthorizeEndpoint authorize;
  private final RefreshTokens refreshTokens;
  private final WebhookEndpoints webhookEndpoints;
  private final Webhooks webhooks;
  private final SessionControlApi sessionControl;
  private final ImpersonationControlApi impersonations;
  private final String host = "localhost";

  private AuthKitEmulator(Builder b) throws IOException {
    this.clock = new EmulatorClock();
    this.counters = new Counters();
    this.hooks = new ErrorHooks();
    Seed seed = b.seedJson == null ? SeedReader.defaultSeed(clock.instant()) : SeedReader.read(b.seedJson, clock.instant());
    this.directory = new Directory(seed, clock);
    this.keys = b.signingKey == null ? SigningKeys.generate(clock) : SigningKeys.fromPem(b.signingKey, clock);
    InetAddress bind = InetAddress.getByName(b.bindAddress);
    // From here on the webhook thread runs: a failure below must stop it again.
    List<WebhookEndpoint> configuredWebhooks = new ArrayList<>(seed.webhookEndpoints());
    configuredWebhooks.addAll(b.webhookEndpoints(clock.instant()));
    this.webhookEndpoints = new WebhookEndpoints(configuredWebhooks, clock);
    this.webhooks = new Webhooks(webhookEndpoints, clock, counters);
    this.sessions = new Sessions(clock, new SessionEvents(webhooks, clock));
    this.authorize = new AuthorizeEndpoint(directory, counters, clock);
    this.refreshTokens = new RefreshTokens();
    AccessTokens accessTokens = new AccessTokens(keys, clock, b.accessTokenLifetime);
    SessionTokens sessionTokens = new SessionTokens(directory, sessions, refreshTokens, accessTokens, this::baseUrl);
    AuthenticateEndpoint authenticate =
        new AuthenticateEndpoint(directory, sessions, authorize, refreshTokens, sessionTokens, counters, clock);
    SessionEndpoints sessionEndpoints = new SessionEndpoints(directory, sessions, counters);
    UsersEndpoint users = new UsersEndpoint(directory, counters);
    JwksEndpoint jwks = new JwksEndpoint(directory, keys, counters);

    Router router = new Router()
        .get("/health", r -> Response.json(200, Json.createObjectBuilder().add("status", "ok")
            .add("emulator", "authkit-emulator (not the real WorkOS)").build()))
        .get("/user_management/authorize", authorize::show)
        .post("/user_management/authorize", authorize::submit)
        .post("/user_management/authorize/organization", authorize::chooseOrganization)
        .post("/user_management/authenticate", authenticate::authenticate)
        .get("/sso/jwks/{client_id}", jwks::jwks)
        .get("/user_management/sessions/logout", sessionEndpoints::logout)
        .post("/user_management/sessions/revoke", sessionEndpoints::revoke)
        .get("/user_management/users/{id}", users::user)
        .post("/api_keys/validations", new ApiKeyValidations(directory, counters)::validate);
    new OrganizationEndpoints(directory, counters).register(router);
    new WebhookEndpointsApi(webhookEndpoints, directory::isApiKey).register(router);
    new ControlApi(clock, hooks, counters, this::rotateSigningKey, this::reset).register(router);
    this.sessionControl = new SessionControlApi(directory, sessions, sessionTokens, clock);
    sessionControl.register(router);
    this.impersonations = new ImpersonationControlApi(directory, authorize, counters, clock, this::baseUrl);
    impersonations.register(router);

    try {
      this.server = new EmulatorHttpServer(new InetSocketAddress(bind, b.port), router, hooks, counters);
      server.start();
    } catch (IOException | RuntimeException e) {
      webhooks.close();
      throw e;
    }
  }

  /** A builder with the defaults: random port, loopback, built-in seed, 300 s tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** Base URL without a trailing slash, e.g. {@code http://localhost:53211}. */
  public String baseUrl() {
    return "http://" + host + ":" + port();
  }

  /** The host name in {@link #baseUrl()}: always {@code localhost}. */
  public String host() {
    return host;
  }

  public int port() {
    return server.port();
  }

  /** The default client's API key ({@code sk_test_default} with the built-in seed). */
  public String apiKey() {
    return directory.defaultClient().apiKeys().get(0);
  }

  /** The default client's id ({@code client_emulate} with the built-in seed). */
  public String clientId() {
    return directory.defaultClient().clientId();
  }

  /** Moves the emulator's clock forward: codes and tokens expire without sleeping. */
  public void advanceClock(Duration d) {
    clock.advance(Objects.requireNonNull(d, "duration"));
  }

  /** A new key signs from now on; the old key stays in the JWKS for an hour of emulator time. */
  public void rotateSigningKey() {
    keys.rotate();
  }

  /**
   * Signs the seeded user with this email in without the hosted page, in their first
   * organization (if any), for the default client: the tokens are exactly what a hosted sign-in
   * gets, and the session refreshes, revokes and logs out like any other.
   *
   * @throws IllegalArgumentException for an unknown email
   */
  public IssuedSession issueSession(String email) {
    return issueSession(email, null);
  }

  /**
   * As {@link #issueSession(String)}, in the given organization ({@code null}: the first one).
   *
   * @throws IllegalArgumentException for an unknown email or an organization the user is not a member of
   */
  public IssuedSession issueSession(String email, String organizationId) {
    SessionTokens.Issued issued;
    try {
      issued = sessionControl.issue(Objects.requireNonNull(email, "email"), null, organizationId);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.body().getString("message"), e);
    }
    return new IssuedSession(issued.accessToken(), issued.refreshToken(), issued.session().id(), issued.user().id(),
        issued.session().organizationId());
  }

  /**
   * Plays the WorkOS dashboard's "Impersonate user" for the user with this email (who has at most
   * one organization) and answers the link a browser opens to take the dashboard's place: it goes
   * on to the default client's sign-in endpoint ({@code initiate_login_uri}), whose sign-in then
   * completes as the user without a password page, or, for a client without one, straight to its
   * redirect URI with a code. The link is single use and lives five minutes.
   *
   * @throws IllegalArgumentException for an unknown user or a user with several organizations
   */
  public URI startImpersonation(String email, String impersonatorEmail, String reason) {
    return startImpersonation(email, impersonatorEmail, reason, null);
  }

  /**
   * As {@link #startImpersonation(String, String, String)}, into {@code organizationId} (required
   * when the user has several organizations, as the dashboard asks).
   */
  public URI startImpersonation(String email, String impersonatorEmail, String reason, String organizationId) {
    try {
      return URI.create(impersonations.start(new ImpersonationControlApi.Start(Objects.requireNonNull(email, "email"),
          null, Objects.requireNonNull(impersonatorEmail, "impersonatorEmail"), reason, organizationId, null, null)));
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.body().getString("message"), e);
    }
  }

  /**
   * Ends a session as if it were revoked in the WorkOS dashboard: its refresh tokens stop working
   * and {@code session.revoked} is delivered to the webhook endpoints. False when there is no
   * such session.
   */
  public boolean revokeSession(String sessionId) {
    return sessions.end(Objects.requireNonNull(sessionId, "sessionId"));
  }

  /**
   * Waits until {@link #counter(String)} reaches {@code atLeast}, checking every 20 ms for at most
   * {@code timeout}; for things that happen in the background, such as
   * {@code counter("webhook.delivered")}. True when it got there.
   */
  public boolean awaitCounter(String name, long atLeast, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
    while (counters.get(name) < atLeast) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Back to the seed: users, sessions, codes, tokens, keys, webhooks, counters, hooks and clock. */
  public void reset() {
    webhooks.reset();
    directory.reset();
    sessions.reset();
    authorize.reset();
    impersonations.reset();
    refreshTokens.reset();
    keys.reset();
    hooks.clear();
    counters.reset();
    clock.reset();
  }

  /**
   * How many times something happened since start or the last reset. Names include
   * {@code grant.authorization_code}, {@code grant.refresh_token}, {@code grant.refresh_token.failed},
   * {@code jwks}, {@code logout}, {@code revoke}, {@code authorize}, {@code sign_in}, {@code sign_up},
   * {@code requests}, {@code webhook.delivered}, {@code webhook.retried}, {@code webhook.failed}.
   */
  public long counter(String name) {
    return counters.get(name);
  }

  /**
   * Makes the next {@code times} requests matching {@code method} ({@code *} = any) and
   * {@code path} ({@code *} = any, a prefix ending in {@code /*}, or exact) wait {@code delay} and
   * then answer {@code status} with {@code body} (null = a WorkOS-shaped default for the status).
   * {@code times} ≤ 0 means until cleared; {@code status} 0 means only the delay. Hooks never
   * apply to the {@code /_emulate/} control API.
   */
  public void addErrorHook(String method, String path, int status, String body, int times, Duration delay) {
    hooks.add(method, path, status, body, times, delay);
  }

  public void clearErrorHooks() {
    hooks.clear();
  }

  /** Stops the server and the webhook delivery thread (deliveries not yet made are dropped). */
  @Override
  public void close() {
    server.close();
    webhooks.close();
  }

  /** Seeded demo users, for banners: "email / password" pairs. */
  List<String> demoUsers() {
    return directory.seededUsers().stream()
        .map(u -> u.email() + (u.password() == null ? "" : " / " + u.password()))
        .toList();
  }

  /** Where webhooks go right now, for banners. */
  List<String> webhookUrls() {
    return webhookEndpoints.list().stream().map(WebhookEndpoint::url).toList();
  }

  /** Configures and starts an {@link AuthKitEmulator}. */
  public static final class Builder {
    private int port = 0;
    private String bindAddress = "127.0.0.1";
    private String seedJson;
    private Duration accessTokenLifetime = Duration.ofSeconds(300);
    private Path signingKey;
    private final List<Map.Entry<URI, String>> webhookEndpoints = new ArrayList<>();

    private Builder() {
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535");
      }
      this.port = port;
      return this;
    }

    /** Address to listen on; default {@code 127.0.0.1} so nothing outside this machine can reach it. */
    public Builder bindAddress(String host) {
      this.bindAddress = Objects.requireNonNull(host, "host");
      return this;
    }

    /** A seed file in the official emulator's schema plus {@code clients}; see docs/emulator.md. */
    public Builder seed(Path json) {
      try {
        this.seedJson = Files.readString(json, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read seed file " + json, e);
      }
      return this;
    }

    public Builder seedJson(String json) {
      this.seedJson = Objects.requireNonNull(json, "json");
      return this;
    }

    /** Lifetime of access tokens; default 300 seconds, as WorkOS. */
    public Builder accessTokenLifetime(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the access token lifetime must be positive");
      }
      this.accessTokenLifetime = d;
      return this;
    }

    /** An RSA private key in PEM (PKCS#8 or PKCS#1), so tokens verify across restarts. */
    public Builder signingKey(Path pem) {
      this.signingKey = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Delivers every event (e.g. {@code session.revoked}) to {@code url}, signed with {@code secret}
     * in the {@code WorkOS-Signature} header. Kept across {@code reset()}.
     *
     * @throws IllegalArgumentException when the URL is not on this machine (localhost,
     *     127.0.0.0/8, [::1]) or the secret is blank: the emulator never sends anything off-host
     */
    public Builder webhookEndpoint(URI url, String secret) {
      Objects.requireNonNull(url, "url");
      LoopbackUrl.require(url.toString(), "webhook endpoint " + url);
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("the webhook secret must not be blank");
      }
      webhookEndpoints.add(Map.entry(url, secret));
      return this;
    }

    private List<WebhookEndpoint> webhookEndpoints(Instant now) {
      List<WebhookEndpoint> endpoints = new ArrayList<>();
      for (int i = 0; i < webhookEndpoints.size(); i++) {
        String url = webhookEndpoints.get(i).getKey().toString();
        endpoints.add(new WebhookEndpoint(Ids.stable("we", "builder[" + i + "]:" + url), url,
            webhookEndpoints.get(i).getValue(), List.of(), true, now, now));
      }
      return endpoints;
    }

    /**
     * Starts the emulator.
     *
     * @throws IllegalArgumentException for an invalid seed (the message lists every problem)
     * @throws UncheckedIOException when the port cannot be bound or the key cannot be read
     */
    public AuthKitEmulator start() {
      try {
        return new AuthKitEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the WorkOS emulator: " + e.getMessage(), e);
      }
    }
  }
}
