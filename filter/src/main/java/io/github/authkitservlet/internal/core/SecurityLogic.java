package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.bearer.BearerAuthenticator;
import io.github.authkitservlet.internal.bearer.BearerOutcome;
import io.github.authkitservlet.internal.web.RequestPaths;
import io.github.authkitservlet.internal.workos.FailureReason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what happens to a request under the rules of one declaration: go on (with the caller, if
 * there is one), send the browser to sign in, or answer in the application's place (401, 403, 503
 * with {@code Retry-After}, 400 for an address that cannot be judged safely). The session is
 * checked, refreshed and resealed on the way ({@link SessionAuthenticator}), and the cookie changes
 * that follow are part of the decision.
 *
 * <p>On the declaration's {@code api-paths}, a request with {@code Authorization: Bearer} is judged
 * by that credential alone ({@link BearerAuthenticator}): a WorkOS access token or, where the
 * declaration accepts them, a customer's WorkOS API key. The session cookie is then not read, so
 * such a request is never refreshed, never redirected and never gets a cookie; a credential that
 * is not accepted gets 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750)
 * and no further detail. The bearer credential wins over a cookie sent with it because it is the
 * one the client chose to send: a cookie comes along with every request by itself.
 *
 * <p>Whether a request needs a caller at all is the declaration's {@code public-paths} under the
 * filter, and the container's security constraints under the Jakarta Authentication module
 * ({@link RequestFacts#protection()}).
 *
 * <p>Container-neutral: the filter and the Jakarta Authentication module are adapters over this.
 * One instance per configuration; thread-safe.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SecurityLogic {

  private static final Logger LOG = Logger.getLogger(SecurityLogic.class.getName());
  /** Where a request remembers its checked session, so stacked declarations check it once. */
  static final String MEMORY_KEY = SecurityLogic.class.getName() + ".session";

  /** The session as checked for one request by one instance. */
  private record Remembered(SecurityLogic owner, AuthOutcome outcome) {}

  /** A checked session and the response changes it brings; {@code refusal} when it cannot be kept. */
  private record Checked(AuthOutcome outcome, Effects effects, Decision.Refuse refusal) {}

  private final SessionAuthenticator authenticator;
  private final BearerAuthenticator bearers;
  private final String sessionCookieName;
  private final AtomicBoolean protectedEndpointReported = new AtomicBoolean();

  public SecurityLogic(SessionAuthenticator authenticator, BearerAuthenticator bearers, String sessionCookieName) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.bearers = Objects.requireNonNull(bearers, "bearers");
    this.sessionCookieName = Objects.requireNonNull(sessionCookieName, "sessionCookieName");
  }

  /** The decision for {@code request} under {@code rules}. Never throws for bad input. */
  public Decision decide(RequestFacts request, AccessRules rules, Site site, RequestMemory memory) {
    return decide(request, rules, site, memory, SessionEvents.NONE);
  }

  /**
   * The decision for {@code request} under {@code rules}; {@code events} hears of a refresh tried on
   * the way. Never throws for bad input.
   */
  public Decision decide(RequestFacts request, AccessRules rules, Site site, RequestMemory memory,
      SessionEvents events) {
    if (request.path().isEmpty()) {
      // Encoded slashes, "..", control characters: could be used to slip past a pattern.
      return refuse(request, site, false, 400, "bad_request", "Invalid address", "This address is not valid.",
          null, Effects.none());
    }
    String path = request.path().get();
    if (site.endpoints().isEndpoint(path)) {
      if (request.protection() == Protection.CONTAINER_REQUIRED) {
        warnOnceAboutProtectedEndpoint(path);
      }
      return new Decision.Proceed(null, Effects.none());
    }
    boolean open = isOpen(request, rules, path);
    boolean api = rules.apiPaths().matches(path);
    // Bearer credentials are read on the API paths of a declaration that takes some.
    boolean takesBearer = api && !rules.bearer().isEmpty();
    if (takesBearer) {
      BearerHeader bearer = request.bearer();
      if (!(bearer instanceof BearerHeader.None)) {
        return bearer(request, rules, site, bearer, open);
      }
    }
    String cookie = request.sessionCookie();
    // Whatever the page shows (a user, or not), it was computed from a credential: no shared cache
    // may keep it, or hand it to someone else.
    Effects effects = cookie == null ? Effects.none() : Effects.uncacheable();

    if (open) {
      // Public pages may still show who is signed in; without a cookie there is nothing to do.
      if (cookie == null) {
        return new Decision.Proceed(null, effects);
      }
      Checked checked = check(cookie, memory, effects, site, events);
      if (checked.refusal() != null) {
        return checked.refusal();
      }
      return new Decision.Proceed(signedIn(checked.outcome()), checked.effects());
    }

    if (request.isCorsPreflight()) {
      if (rules.passCorsPreflights()) {
        return new Decision.Proceed(null, effects); // the application answers CORS itself
      }
      // A preflight never carries credentials, so it cannot be authenticated; answering it here
      // keeps application code that acts on OPTIONS from running for anonymous callers.
      return refuse(request, site, true, 403, "cors_preflight_refused", "Access denied",
          "CORS preflight requests are not passed to protected resources (init-param "
              + AccessRules.CORS_PREFLIGHT + "=pass lets them through).", null, effects);
    }

    Checked checked = check(cookie, memory, effects, site, events);
    if (checked.refusal() != null) {
      return checked.refusal();
    }
    effects = checked.effects();
    AuthOutcome outcome = checked.outcome();
    if (outcome instanceof AuthOutcome.Unavailable unavailable) {
      return refuse(request, site, api, 503, "unavailable", "Sign-in service unavailable",
          "Your session could not be confirmed just now. Please try again in a moment.",
          unavailable.failure().retryAfter(), effects);
    }
    Caller caller = signedIn(outcome);
    if (caller == null) {
      return unauthenticated(request, site, path, api, takesBearer, effects.withNoStore());
    }
    effects = effects.withNoStore();
    if (!rules.allows(caller)) {
      return refuse(request, site, api, 403, "forbidden", "Access denied",
          "Your account does not have the role or permission this page needs.", null, effects);
    }
    return new Decision.Proceed(caller, effects);
  }

  /**
   * The container requires a caller for one of AuthKit's own servlets (sign-in, callback,
   * sign-out): it will refuse them to everybody signed out, so nobody can sign in. Said once,
   * loudly, with what to do.
   */
  private void warnOnceAboutProtectedEndpoint(String path) {
    if (protectedEndpointReported.compareAndSet(false, true)) {
      LOG.log(Level.SEVERE, "a <security-constraint> with an <auth-constraint> covers AuthKit''s own servlet at {0}:"
          + " the container refuses it to signed-out visitors, so nobody can sign in; add a <security-constraint>"
          + " without <auth-constraint> for the login, callback and logout paths", RequestPaths.encode(path));
    }
  }

  /**
   * Whether the request may go on without a caller: the declaration's public paths under the
   * filter, the container's word under the Jakarta Authentication module.
   */
  private static boolean isOpen(RequestFacts request, AccessRules rules, String path) {
    return switch (request.protection()) {
      case RULES -> rules.isPublic(request, path);
      case CONTAINER_REQUIRED -> false;
      case CONTAINER_OPTIONAL -> true;
    };
  }

  /**
   * A request with a bearer credential on an API path: judged by that credential alone, always
   * answered as an API call, never with a cookie.
   */
  private Decision bearer(RequestFacts request, AccessRules rules, Site site, BearerHeader header, boolean open) {
    Effects effects = Effects.uncacheable();
    if (!(header instanceof BearerHeader.Credential credential) || !rules.bearer().contains(credential.kind())) {
      return invalidToken(site, effects);
    }
    BearerOutcome outcome = credential.kind() == BearerKind.ACCESS_TOKEN
        ? bearers.accessToken(credential.value())
        : bearers.apiKey(credential.value());
    if (outcome instanceof BearerOutcome.Unavailable unavailable) {
      return refuse(request, site, true, 503, "unavailable", "Sign-in service unavailable",
          "Your credential could not be checked just now. Please try again in a moment.",
          unavailable.failure().retryAfter(), effects);
    }
    Caller caller;
    if (outcome instanceof BearerOutcome.Token token) {
      caller = new Caller.AccessToken(token.claims(), credential.value());
    } else if (outcome instanceof BearerOutcome.Key key) {
      caller = new Caller.ApiKey(key.key());
    } else {
      return invalidToken(site, effects);
    }
    if (!open && !rules.allows(caller)) {
      return new Decision.Refuse(403, "forbidden", "Access denied",
          "This credential does not have the role or permission this resource needs.", false, null, null,
          bearerChallenge(site, "insufficient_scope"), effects);
    }
    return new Decision.Proceed(caller, effects);
  }

  /** RFC 6750's answer to a credential we do not accept: the same whatever was wrong with it. */
  private static Decision.Refuse invalidToken(Site site, Effects effects) {
    return new Decision.Refuse(401, "invalid_token", "Sign in", "The bearer credential is not valid.", false, null,
        null, bearerChallenge(site, "invalid_token"), effects);
  }

  private static String bearerChallenge(Site site, String error) {
    return "Bearer realm=\"" + site.realm() + "\", error=\"" + error + "\"";
  }

  /**
   * Checks the session once per request (and instance): a second declaration on the same request
   * reuses the first one's result, whose cookie changes the first one already made.
   */
  private Checked check(String cookie, RequestMemory memory, Effects effects, Site site, SessionEvents events) {
    if (memory.recall(MEMORY_KEY) instanceof Remembered earlier && earlier.owner() == this) {
      return new Checked(earlier.outcome(), effects, null);
    }
    AuthOutcome outcome = authenticator.authenticate(cookie);
    if (!events.isEmpty()) {
      tellOfRefresh(outcome, events);
    }
    if (outcome instanceof AuthOutcome.Authenticated authenticated && authenticated.newCookieValue().isPresent()) {
      String refreshed = authenticated.newCookieValue().get();
      Optional<Decision.Refuse> tooLarge = CookieSize.refuseOversizedSession(sessionCookieName, refreshed,
          "refreshed session cookie not set, the user cannot stay signed in", site,
          effects.with(new CookieChange.ClearSession()));
      if (tooLarge.isPresent()) {
        return new Checked(outcome, effects, tooLarge.get());
      }
      effects = effects.with(new CookieChange.SetSession(refreshed));
    } else if (outcome instanceof AuthOutcome.Anonymous anonymous && anonymous.clearCookie()) {
      effects = effects.with(new CookieChange.ClearSession());
    }
    memory.remember(MEMORY_KEY, new Remembered(this, outcome));
    return new Checked(outcome, effects, null);
  }

  /** Tells the listeners what became of a refresh, when this request tried one. */
  static void tellOfRefresh(AuthOutcome outcome, SessionEvents events) {
    if (outcome instanceof AuthOutcome.Authenticated authenticated) {
      if (authenticated.newCookieValue().isPresent() || authenticated.refreshFailure() != null) {
        events.refreshed(authenticated.session(), authenticated.refreshFailure());
      }
    } else if (outcome instanceof AuthOutcome.Anonymous anonymous && anonymous.refreshFailure() != null) {
      events.refreshed(null, anonymous.refreshFailure());
    } else if (outcome instanceof AuthOutcome.Unavailable unavailable
        && unavailable.failure().reason() != FailureReason.KEYS_UNAVAILABLE) {
      // Keys that cannot be fetched stop the check before any refresh; every other reason is a refresh's.
      events.refreshed(null, unavailable.failure());
    }
  }

  private static Caller signedIn(AuthOutcome outcome) {
    return outcome instanceof AuthOutcome.Authenticated authenticated ? new Caller.Session(authenticated.session()) : null;
  }

  /**
   * No session: a browser is sent to sign in and back; anything else gets 401, whose challenge also
   * names Bearer where a bearer credential would have been accepted.
   */
  private static Decision unauthenticated(RequestFacts request, Site site, String path, boolean api,
      boolean bearerAccepted, Effects effects) {
    if (RequestKind.of(request, api) == RequestKind.PAGE) {
      // The normalised path, not the raw request text: the return path must mean what was matched.
      String inside = RequestPaths.encode(path);
      String returnTo = request.query() == null ? inside : inside + "?" + request.query();
      return new Decision.Redirect(
          site.loginHref() + "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8), effects);
    }
    String challenge = "AuthKit realm=\"" + site.realm() + "\"";
    if (bearerAccepted) {
      challenge += ", Bearer realm=\"" + site.realm() + "\"";
    }
    return new Decision.Refuse(401, "unauthenticated", "Sign in", "Sign in first: " + site.loginHref(), false, null,
        null, challenge, effects);
  }

  /** An error answer: a page for a browser navigation, JSON for anything else. */
  private static Decision.Refuse refuse(RequestFacts request, Site site, boolean api, int status, String code,
      String title, String message, Duration retryAfter, Effects effects) {
    boolean page = RequestKind.of(request, api) == RequestKind.PAGE;
    return new Decision.Refuse(status, code, title, message, page, page ? site.loginHref() : null, retryAfter, null,
        effects.withNoStore());
  }
}
