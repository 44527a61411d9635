package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.AuthorizationOptions;
import io.github.authkitservlet.internal.workos.AuthorizationRequest;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a sign-in: a fresh random state and PKCE (S256) pair, kept with the return path and the
 * application's own state in a short-lived sealed cookie (one per flow, so several tabs may sign in
 * at once), and a redirect to AuthKit's hosted page.
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
   * The application's state is sealed into the flow cookie next to a return path of up to
   * {@value ReturnPaths#MAX_LENGTH} characters; together they must fit in a browser's cookie.
   */
  public static final int MAX_CUSTOM_STATE_BYTES = 256;

  /**
   * What the browser asked for; any value may be null and all of them come from the query string.
   *
   * @param origin the request's origin as the container resolved it
   * @param returnTo where to go after signing in (sanitised here)
   * @param screenHint {@code sign-up} or {@code sign-in}
   * @param loginHint an email address to pre-fill
   * @param organizationId the organization to sign in to
   * @param prompt e.g. {@code login}
   * @param customState the application's own state ({@code state}), carried sealed to its sign-in
   *     listeners
   * @param restarted whether the callback started this sign-in again ({@link SignInRestart})
   * @param flowCookies the flow cookies the browser sent, name to value
   */
  public record SignInRequest(String origin, String returnTo, String screenHint, String loginHint,
      String organizationId, String prompt, String customState, boolean restarted, Map<String, String> flowCookies) {
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
    String customState = request.customState() == null || request.customState().isEmpty() ? null : request.customState();
    if (customState != null && !isCarriable(customState)) {
      // Refused rather than dropped: the application counts on getting it back.
      return new Decision.Refuse(400, "sign_in_not_started", "Sign-in could not start",
          "The sign-in link carries a state longer than " + MAX_CUSTOM_STATE_BYTES
              + " bytes or with control characters.", true, site.root(), null, null, Effects.uncacheable());
    }
    AuthorizationOptions options = new AuthorizationOptions(
        oneOf(request.screenHint(), SCREEN_HINTS, defaultScreenHint),
        bounded(request.loginHint()),
        bounded(request.organizationId()),
        oneOf(request.prompt(), PROMPTS, null));
    AuthorizationRequest authorization = workos.authorizationRequest(
        addresses.redirectUri(request.origin()), options, SignInRestart.newState(request.restarted()));
    FlowState flow = new FlowState(
        authorization.state(), authorization.codeVerifier(), returnPath, clock.instant(), customState);

    Effects effects = Effects.uncacheable();
    for (String stale : FlowCookies.toPrune(request.flowCookies(), flows::unseal)) {
      effects = effects.with(new CookieChange.ClearFlow(stale));
    }
    String name = FlowCookies.nameFor(flow.state());
    String sealed = flows.seal(flow);
    Optional<String> tooLarge = CookieSize.problem(name, sealed);
    if (tooLarge.isPresent()) {
      // ReturnPaths and MAX_CUSTOM_STATE_BYTES bound what goes in; say so if it ever happens.
      LOG.log(Level.SEVERE, "login flow cookie not set: {0}", tooLarge.get());
      return new Decision.Refuse(400, "sign_in_not_started", "Sign-in could not start",
          "The page address is too long to return to after signing in.", true, site.root(), null, null, effects);
    }
    return new Decision.Redirect(authorization.url(), effects.with(new CookieChange.SetFlow(name, sealed)));
  }

  private static boolean isCarriable(String state) {
    if (state.getBytes(StandardCharsets.UTF_8).length > MAX_CUSTOM_STATE_BYTES) {
      return false;
    }
    return state.chars().noneMatch(Character::isISOControl);
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
