package io.github.authkitservlet.internal.core;

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
 * is used once), exchanges the code with the PKCE verifier, and seals the session into the cookie.
 * Every failure is a small error page with the right status and a link to sign in again: 400 for a
 * stale, replayed or tampered link or a code WorkOS refused, 502 or 503 when WorkOS fails.
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

  /** The decision for a callback request. Never throws for bad input. */
  public Decision complete(CallbackRequest request, Site site) {
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
    if (!hasState) {
      return failed(site, effects, 400, "Sign-in link incomplete",
          "The sign-in response carried no state. Please sign in again.");
    }
    Optional<FlowState> flow = flowCookie.flatMap(flows::unseal);
    if (flow.isEmpty() || !sameSecret(flow.get().state(), state)) {
      // No cookie: expired (10 minutes), already used, another browser, or a forged link.
      return failed(site, effects, 400, "Sign-in link expired or already used",
          "This sign-in response does not match a sign-in started in this browser in the last few minutes."
              + " Please sign in again.");
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
      return new Decision.Refuse(failure.reason().status(), failure.reason().code(), "Sign-in service unavailable",
          "WorkOS could not complete the sign-in just now (" + failure.code() + "). Please try again in a moment.",
          true, site.loginHref(), failure.retryAfter(), null, effects);
    }
    String sealed = authenticator.seal(((GrantResult.Success) result).session());
    Optional<String> tooLarge = CookieSize.problem(sessionCookieName, sealed);
    if (tooLarge.isPresent()) {
      LOG.log(Level.SEVERE, "session cookie not set, the user cannot stay signed in: {0}", tooLarge.get());
      return SecurityLogic.sessionTooLarge(site, effects);
    }
    // The return path was sanitised at login and sealed since; sanitise again to be safe anyway.
    return new Decision.Redirect(site.contextPath() + ReturnPaths.sanitize(flow.get().returnPath()),
        effects.with(new CookieChange.SetSession(sealed)));
  }

  /** A sign-in that cannot complete: a page with a link to sign in again. */
  private static Decision failed(Site site, Effects effects, int status, String title, String message) {
    return new Decision.Refuse(status, "sign_in_failed", title, message, true, site.loginHref(), null, null, effects);
  }

  private static boolean sameSecret(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static String clip(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
