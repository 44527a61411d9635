package io.github.authkitservlet;

import io.github.authkitservlet.internal.http.CookieTooLargeException;
import io.github.authkitservlet.internal.http.ErrorPage;
import io.github.authkitservlet.internal.http.NoStore;
import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.AuthorizationOptions;
import io.github.authkitservlet.internal.workos.AuthorizationRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a sign-in: sends the browser to WorkOS AuthKit's hosted page.
 *
 * <p>Map it in web.xml (the sample uses {@code /login}); {@link AuthKitFilter} finds the mapping
 * by itself and redirects signed-out page requests here with {@code returnTo}. Each request makes
 * a new random state and PKCE (S256) pair and keeps them in a short-lived sealed cookie, one per
 * flow, so several tabs may sign in at once.
 *
 * <p>Query parameters: {@code returnTo} (where to go after signing in: a path inside this
 * application, anything else becomes {@code /}), {@code screen_hint} ({@code sign-up} or {@code
 * sign-in}), {@code login_hint} (an email to pre-fill), {@code organization_id}, {@code prompt}.
 *
 * <p>Init-params: {@code screen-hint} = {@code sign-up} makes a sign-up mapping; {@code workos.*}
 * settings override the application's for this servlet.
 */
public class AuthKitLoginServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AuthKitLoginServlet.class.getName());

  /** Init-param naming the AuthKit screen to open: {@code sign-up} or {@code sign-in}. */
  public static final String SCREEN_HINT_PARAM = "screen-hint";

  private static final Set<String> SCREEN_HINTS = Set.of("sign-up", "sign-in");
  private static final Set<String> PROMPTS = Set.of("login", "consent", "none", "select_account");
  private static final int MAX_HINT_LENGTH = 320;

  private transient String defaultScreenHint;

  @Override
  List<String> knownInitParams() {
    return List.of(SCREEN_HINT_PARAM);
  }

  @Override
  public void init() throws ServletException {
    // Checked before the runtime is acquired: after a failed init() the container never calls destroy().
    String hint = getInitParameter(SCREEN_HINT_PARAM);
    if (hint != null && !hint.isBlank() && !SCREEN_HINTS.contains(hint.trim())) {
      throw new ServletException("init-param 'screen-hint' on servlet '" + getServletName()
          + "' must be sign-up or sign-in (got '" + ErrorPage.escape(hint) + "')");
    }
    defaultScreenHint = hint == null || hint.isBlank() ? null : hint.trim();
    super.init();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuthKitRuntime runtime = runtime();
    String returnPath = ReturnPaths.sanitize(request.getParameter("returnTo"));
    String screenHint = oneOf(request.getParameter("screen_hint"), SCREEN_HINTS, defaultScreenHint);
    AuthorizationOptions options = new AuthorizationOptions(
        screenHint,
        bounded(request.getParameter("login_hint")),
        bounded(request.getParameter("organization_id")),
        oneOf(request.getParameter("prompt"), PROMPTS, null));

    String redirectUri = Urls.absolute(request, runtime.config, runtime.config.redirectUri());
    AuthorizationRequest authorization = runtime.workos.authorizationRequest(redirectUri, options);
    FlowState flow = new FlowState(
        authorization.state(), authorization.codeVerifier(), returnPath, runtime.clock.instant());

    NoStore.apply(response);
    for (String stale : FlowCookies.toPrune(FlowCookies.present(request), runtime.flows::unseal)) {
      runtime.cookies.clearFlow(request, response, stale);
    }
    try {
      runtime.cookies.setFlow(request, response, FlowCookies.nameFor(flow.state()), runtime.flows.seal(flow));
    } catch (CookieTooLargeException e) {
      // Only a huge return path could do this, and ReturnPaths bounds it; say so if it ever happens.
      LOG.log(Level.SEVERE, "login flow cookie not set: {0}", e.getMessage());
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in could not start",
          "The page address is too long to return to after signing in.", Urls.contextPath(request) + "/");
      return;
    }
    response.sendRedirect(authorization.url());
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
