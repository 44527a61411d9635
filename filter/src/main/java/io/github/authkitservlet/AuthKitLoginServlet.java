package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.FlowCookies;
import io.github.authkitservlet.internal.core.SignInLogic;
import io.github.authkitservlet.internal.core.SignInLogic.SignInRequest;
import io.github.authkitservlet.internal.core.SignInRestart;
import io.github.authkitservlet.internal.http.ErrorPage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

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
 * sign-in}), {@code login_hint} (an email to pre-fill), {@code organization_id}, {@code prompt}, and
 * {@code state}: the application's own value (at most 256 bytes, no control characters), carried
 * sealed in the flow cookie, never in clear through the browser, and given to
 * {@link AuthKitListener#signedIn}. ({@code restarted} is set by the callback when it starts a
 * sign-in again.)
 *
 * <p>This is also the application's sign-in endpoint for WorkOS ("Sign-in endpoint",
 * {@code initiate_login_uri}, in the dashboard): WorkOS sends browsers here to start a sign-in the
 * application did not start itself, such as a dashboard impersonation.
 *
 * <p>Init-params: {@code screen-hint} = {@code sign-up} makes a sign-up mapping; {@code workos.*}
 * settings override the application's for this servlet.
 */
public class AuthKitLoginServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

  /** Init-param naming the AuthKit screen to open: {@code sign-up} or {@code sign-in}. */
  static final String SCREEN_HINT_PARAM = "screen-hint";

  private transient String defaultScreenHint;

  @Override
  List<String> knownInitParams() {
    return List.of(SCREEN_HINT_PARAM);
  }

  @Override
  public void init() throws ServletException {
    // Checked before the runtime is acquired: after a failed init() the container never calls destroy().
    String hint = getInitParameter(SCREEN_HINT_PARAM);
    if (hint != null && !hint.isBlank() && !SignInLogic.SCREEN_HINTS.contains(hint.trim())) {
      throw new ServletException("init-param 'screen-hint' on servlet '" + getServletName()
          + "' must be sign-up or sign-in (got '" + ErrorPage.escape(hint) + "')");
    }
    defaultScreenHint = hint == null || hint.isBlank() ? null : hint.trim();
    super.init();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    SignInRequest signIn = new SignInRequest(
        ServletRequests.origin(request),
        request.getParameter("returnTo"),
        request.getParameter("screen_hint"),
        request.getParameter("login_hint"),
        request.getParameter("organization_id"),
        request.getParameter("prompt"),
        request.getParameter("state"),
        "1".equals(request.getParameter(SignInRestart.PARAM)),
        ServletRequests.cookiesStartingWith(request, FlowCookies.PREFIX));
    write(runtime().core.signIn().start(signIn, defaultScreenHint, site()), request, response);
  }
}
