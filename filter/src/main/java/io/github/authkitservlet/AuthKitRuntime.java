package io.github.authkitservlet;

import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.authn.SessionPolicy;
import io.github.authkitservlet.internal.authn.SessionStore;
import io.github.authkitservlet.internal.authn.SessionStores;
import io.github.authkitservlet.internal.bearer.BearerAuthenticator;
import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.core.AccessRules;
import io.github.authkitservlet.internal.core.AuthKitCore;
import io.github.authkitservlet.internal.core.Caller;
import io.github.authkitservlet.internal.core.ContainerRoles;
import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Protection;
import io.github.authkitservlet.internal.core.RequestFacts;
import io.github.authkitservlet.internal.core.SessionEvents;
import io.github.authkitservlet.internal.core.Site;
import io.github.authkitservlet.internal.http.CookieWriter;
import io.github.authkitservlet.internal.http.JsonResponses;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.IssuerCheck;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything built from one configuration: the decisions ({@link AuthKitCore}) with the parts
 * they work with (the WorkOS client, the key set, the codecs, the session authenticator and its
 * single-flight refresh, the session store, the bearer authenticator), what writes their answers on
 * servlet responses, and the application's listeners.
 *
 * <p>Built once per configuration and shared by every filter and servlet of the application that
 * uses it (see {@link RuntimeRegistry}), because the expensive parts (HTTP connection pool, cached
 * signing keys, JSON-B) are meant to be reused, and because concurrent refreshes can only be
 * coalesced if the requests meet in the same authenticator.
 */
final class AuthKitRuntime implements AutoCloseable {

  final AuthKitConfig config;
  final AuthKitCore core;
  final DecisionWriter writer;
  /** What the container sees as a caller's roles, for the filter and the module alike. */
  final ContainerRoles roles;
  private final WorkOsClient workos;
  private final SessionStore store;
  private final JsonResponses json;
  private final Listeners listeners;
  /** How listeners see the user of a session (one function for every request). */
  private final Function<ResolvedSession, AuthKitPrincipal> principalOfSession;

  /**
   * @param classLoader the application's class loader: a JCache provider and its configuration,
   *     and the listeners named in the configuration, are looked up through it
   * @throws IllegalStateException when the configured session store cannot be had (the message
   *     says what is missing)
   * @throws IllegalArgumentException when a listener cannot be used (the message names the setting)
   */
  AuthKitRuntime(AuthKitConfig config, Clock clock, ClassLoader classLoader) {
    this.config = config;
    // First, so that a wrong class name leaves nothing to close.
    this.listeners = Listeners.load(config.listeners(), classLoader);
    this.workos = new WorkOsClient(
        config.apiKey(), config.clientId(), config.apiBaseUrl(), config.httpConnectTimeout(), config.httpReadTimeout());
    AccessTokenVerifier verifier = new AccessTokenVerifier(workos.jwksUri(), config.httpConnectTimeout(),
        config.httpReadTimeout(), new IssuerCheck(Set.copyOf(config.tokenIssuers()), config.clientId()));
    this.store = SessionStores.of(config, clock, classLoader);
    SessionAuthenticator authenticator = new SessionAuthenticator(
        new SessionCookieCodec(config.cookiePasswords(), clock), verifier, workos, clock, SessionPolicy.of(config), store);
    BearerAuthenticator bearers = BearerAuthenticator.of(config, verifier, workos, authenticator::isRevoked, clock);
    this.core = new AuthKitCore(config, workos, authenticator, bearers,
        new FlowStateCodec(config.cookiePasswords(), clock), clock);
    this.roles = new ContainerRoles(config.containerRoles());
    this.json = new JsonResponses();
    this.writer = new DecisionWriter(new CookieWriter(config, core.addresses()::servesOverHttps), json);
    this.principalOfSession = session -> new AuthKitPrincipal(new Caller.Session(session), core.organizations());
  }

  /** What the decisions tell this request's listeners: {@link SessionEvents#NONE} when there are none. */
  SessionEvents events(HttpServletRequest request) {
    List<AuthKitListener> all = listeners.all();
    return all.isEmpty() ? SessionEvents.NONE : new ListenerEvents(all, request, principalOfSession);
  }

  /**
   * The core's decision on a protected request: under a declaration's rules (the filter), or under
   * the container's word on protection (the Jakarta Authentication module).
   */
  Decision decide(HttpServletRequest request, AccessRules rules, Site site, Protection protection) {
    RequestFacts facts = ServletRequests.facts(request, site.contextPath(), config.cookieName(), protection);
    return core.security().decide(facts, rules, site, ServletRequests.memory(request), events(request));
  }

  /** The request as the application sees it, signed in as {@code caller}. */
  HttpServletRequest authenticated(HttpServletRequest request, Caller caller) {
    return AuthenticatedRequest.of(request, caller, roles, core.organizations());
  }

  @Override
  public void close() {
    store.close();
    workos.close();
    json.close();
  }
}
