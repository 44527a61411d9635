package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.AuthorizationOptions;
import io.github.authkitservlet.internal.workos.AuthorizationRequest;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a sign-in: a fresh random state and PKCE (S256) pair, kept with the return path in a
 * short-lived sealed cookie (one per flow, so several tabs may sign in at once), and a redirect to
 * AuthKit's hosted page.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SignInLogic {

  private static final Logger LOG = Logger.getLogger(SignInLogic.class.getName());
  /** The AuthKit screens a sign-in may open. */
  public static final Set<String> SCREEN_HINTS = Set.of("sign-up", "sign-in");
  private static final Set<String> PROMPTS = Set.of("login", "consent", "none", "select_account");
  private static final int MAX_HINT_LENGTH = 320;

  /**
   * What the browser asked for; any value may be null and all of them come from the query string.
   *
   * @param origin the request's origin as the container resolved it
   * @param returnTo where to go after signing in (sanitised here)
   * @param screenHint {@code sign-up} or {@code sign-in}
   * @param loginHint an email address to pre-fill
   * @param organizationId the organization to sign in to
   * @param prompt e.g. {@code login}
   * @param flowCookies the flow cookies the browser sent, name to value
   */
  public record SignInRequest(String origin, String returnTo, String screenHint, String loginHint,
      String organizationId, String prompt, Map<String, String> flowCookies) {
    public SignInRequest {
      Objects.requireNonNull(origin, "origin");
      flowCookies = Map.copyOf(flowCookies);
    }
  }

  private final WorkOsClient workos;
  private final FlowStateCodec flows;
  private final Addresses addresses;
  private final Clock clock;

  SignInLogic(WorkOsClient workos, FlowStateCodec flows, Addresses addresses, Clock clock) {
    this.workos = workos;
    this.flows = flows;
    this.addresses = addresses;
    this.clock = clock;
  }

  /**
   * The decision for a sign-in request.
   *
   * @param defaultScreenHint the screen to open when the request names none (null: AuthKit's default)
   */
  public Decision start(SignInRequest request, String defaultScreenHint, Site site) {
    String returnPath = ReturnPaths.sanitize(request.returnTo());
    AuthorizationOptions options = new AuthorizationOptions(
        oneOf(request.screenHint(), SCREEN_HINTS, defaultScreenHint),
        bounded(request.loginHint()),
        bounded(request.organizationId()),
        oneOf(request.prompt(), PROMPTS, null));
    AuthorizationRequest authorization = workos.authorizationRequest(addresses.redirectUri(request.origin()), options);
    FlowState flow = new FlowState(authorization.state(), authorization.codeVerifier(), returnPath, clock.instant());

    Effects effects = Effects.uncacheable();
    for (String stale : FlowCookies.toPrune(request.flowCookies(), flows::unseal)) {
      effects = effects.with(new CookieChange.ClearFlow(stale));
    }
    String name = FlowCookies.nameFor(flow.state());
    String sealed = flows.seal(flow);
    Optional<String> tooLarge = CookieSize.problem(name, sealed);
    if (tooLarge.isPresent()) {
      // Only a huge return path could do this, and ReturnPaths bounds it; say so if it ever happens.
      LOG.log(Level.SEVERE, "login flow cookie not set: {0}", tooLarge.get());
      return new Decision.Refuse(400, "sign_in_not_started", "Sign-in could not start",
          "The page address is too long to return to after signing in.", true, site.root(), null, null, effects);
    }
    return new Decision.Redirect(authorization.url(), effects.with(new CookieChange.SetFlow(name, sealed)));
  }

  private static String oneOf(String value, Set<String> allowed, String fallback) {
    return value != null && allowed.contains(value) ? value : fallback;
  }

  private static String bounded(String value) {
    if (value == null || value.isBlank() || value.length() > MAX_HINT_LENGTH) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return null;
      }
    }
    return value;
  }
}
