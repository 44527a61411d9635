package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.GrantResult;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes a sign-in: checks the state against the flow cookie (and deletes that cookie, so a state
 * is used once), exchanges the code with the PKCE verifier, tells the application's listeners, and
 * seals the session into the cookie. A callback without its flow (no state, no flow cookie) never
 * has its code exchanged: the browser starts a new sign-in instead, once ({@link SignInRestart}).
 * Every failure is a small error page with the right status and a link to sign in again: 400 for a
 * tampered link or a code WorkOS refused, 403 when a listener refused the sign-in, 502 or 503 when
 * WorkOS fails.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class CallbackLogic {

  private static final Logger LOG = Logger.getLogger(CallbackLogic.class.getName());
  private static final int MAX_PARAM_LENGTH = 2048;

  /**
   * What WorkOS sent back (query parameters, any may be null) and the browser's cookies.
   *
   * @param cookies a cookie's value by name
   */
  public record CallbackRequest(String state, String code, String error, String errorDescription,
      Function<String, Optional<String>> cookies) {
    public CallbackRequest {
      Objects.requireNonNull(cookies, "cookies");
    }
  }

  private final WorkOsClient workos;
  private final FlowStateCodec flows;
  private final SessionAuthenticator authenticator;
  private final String sessionCookieName;

  CallbackLogic(WorkOsClient workos, FlowStateCodec flows, SessionAuthenticator authenticator, String sessionCookieName) {
    this.workos = workos;
    this.flows = flows;
    this.authenticator = authenticator;
    this.sessionCookieName = sessionCookieName;
  }

  /** The decision for a callback request, with nobody listening. Never throws for bad input. */
  public Decision complete(CallbackRequest request, Site site) {
    return complete(request, site, SessionEvents.NONE);
  }

  /**
   * The decision for a callback request; {@code events} hears of the sign-in (and may refuse it).
   * Never throws for bad input.
   */
  public Decision complete(CallbackRequest request, Site site, SessionEvents events) {
    String state = request.state();
    Effects effects = Effects.uncacheable();
    Optional<String> flowCookie = Optional.empty();
    boolean hasState = state != null && !state.isEmpty() && state.length() <= MAX_PARAM_LENGTH;
    if (hasState) {
      String flowCookieName = FlowCookies.nameFor(state);
      flowCookie = request.cookies().apply(flowCookieName);
      // Used once, whatever happens next.
      if (flowCookie.isPresent()) {
        effects = effects.with(new CookieChange.ClearFlow(flowCookieName));
      }
    }

    if (request.error() != null) {
      LOG.log(Level.FINE, "WorkOS returned an error to the callback");
      return failed(site, effects, 400, "Sign-in did not complete", "WorkOS reported: " + clip(request.error())
          + (request.errorDescription() == null ? "" : " (" + clip(request.errorDescription()) + ")"));
    }
    Optional<FlowState> flow = flowCookie.flatMap(flows::unseal);
    if (flow.isEmpty()) {
      // No state, no flow cookie for it, or one past its ten minutes: nothing ties this code to a
      // sign-in started here, so it is never exchanged.
      return withoutFlow(hasState ? state : null, site, effects);
    }
    if (!sameSecret(flow.get().state(), state)) {
      // The cookie is named after the state, so only a planted cookie gets here.
      return failed(site, effects, 400, "Sign-in link does not match",
          "This sign-in response does not match the sign-in started in this browser. Please sign in again.");
    }
    String code = request.code();
    if (code == null || code.isEmpty() || code.length() > MAX_PARAM_LENGTH) {
      return failed(site, effects, 400, "Sign-in link incomplete",
          "The sign-in response carried no code. Please sign in again.");
    }

    GrantResult result = workos.exchangeCode(code, flow.get().codeVerifier());
    if (result instanceof GrantResult.Failed failed) {
      Failure failure = failed.failure();
      if (failure.isTerminal()) {
        return failed(site, effects, 400, "Sign-in code not accepted", "WorkOS did not accept this sign-in code ("
            + failure.code() + "): it may have expired or been used already. Please sign in again.");
      }
      return unavailable(failure, site, effects);
    }
    String sealed = authenticator.seal(((GrantResult.Success) result).session());
    if (!events.isEmpty()) {
      Announced announced = announce(sealed, flow.get().customState(), events, site, effects);
      if (announced.refusal() != null) {
        return announced.refusal();
      }
      sealed = announced.cookie();
    }
    Optional<Decision.Refuse> tooLarge = CookieSize.refuseOversizedSession(sessionCookieName, sealed,
        "session cookie not set, the user cannot stay signed in", site, effects);
    if (tooLarge.isPresent()) {
      return tooLarge.get();
    }
    // The return path was sanitised at login and sealed since; sanitise again to be safe anyway.
    return new Decision.Redirect(site.contextPath() + ReturnPaths.sanitize(flow.get().returnPath()),
        effects.with(new CookieChange.SetSession(sealed)));
  }

  /** The cookie to set after the listeners heard of the sign-in, or why there is none. */
  private record Announced(String cookie, Decision.Refuse refusal) {}

  /**
   * Verifies the new session (listeners get a checked user) and tells the listeners; one that
   * throws refuses the sign-in, and the WorkOS session that nobody will hold is ended.
   */
  private Announced announce(String sealed, String customState, SessionEvents events, Site site, Effects effects) {
    AuthOutcome outcome = authenticator.authenticate(sealed);
    if (outcome instanceof AuthOutcome.Unavailable unavailable) {
      return new Announced(null, unavailable(unavailable.failure(), site, effects));
    }
    if (!(outcome instanceof AuthOutcome.Authenticated authenticated)) {
      return new Announced(null, failed(site, effects, 400, "Sign-in not completed",
          "The session WorkOS issued could not be verified. Please sign in again."));
    }
    ResolvedSession session = authenticated.session();
    try {
      events.signedIn(session, customState);
    } catch (Exception e) {
      // The adapter logged which listener refused and why.
      workos.revokeSession(session.claims().sessionId());
      return new Announced(null, new Decision.Refuse(403, "sign_in_refused", "Sign-in not accepted",
          "This application did not accept the sign-in. Please try again later or contact its administrator.",
          true, site.loginHref(), null, null, effects));
    }
    return new Announced(authenticated.newCookieValue().orElse(sealed), null);
  }

  /**
   * A callback whose sign-in flow is gone: the browser starts a new sign-in, once. A second time
   * in a row ({@link SignInRestart}) it gets the error page, so a browser that keeps no cookies
   * does not go round for ever.
   */
  private static Decision withoutFlow(String state, Site site, Effects effects) {
    if (SignInRestart.wasRestarted(state)) {
      return failed(site, effects, 400, "Sign-in link expired or already used",
          "This sign-in response does not match a sign-in started in this browser in the last few minutes."
              + " If it happens again, check that this browser keeps cookies for this site. Please sign in again.");
    }
    LOG.log(Level.FINE, "a callback without its sign-in flow starts a new sign-in");
    return new Decision.Redirect(SignInRestart.href(site), effects);
  }

  private static Decision.Refuse unavailable(Failure failure, Site site, Effects effects) {
    return new Decision.Refuse(failure.reason().status(), failure.reason().code(), "Sign-in service unavailable",
        "WorkOS could not complete the sign-in just now (" + failure.code() + "). Please try again in a moment.",
        true, site.loginHref(), failure.retryAfter(), null, effects);
  }

  /** A sign-in that cannot complete: a page with a link to sign in again. */
  private static Decision.Refuse failed(Site site, Effects effects, int status, String title, String message) {
    return new Decision.Refuse(status, "sign_in_failed", title, message, true, site.loginHref(), null, null, effects);
  }

  private static boolean sameSecret(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static String clip(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
