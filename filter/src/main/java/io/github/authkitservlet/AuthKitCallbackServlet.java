package io.github.authkitservlet;

import io.github.authkitservlet.internal.http.CookieTooLargeException;
import io.github.authkitservlet.internal.http.ErrorPage;
import io.github.authkitservlet.internal.http.NoStore;
import io.github.authkitservlet.internal.session.FlowState;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.GrantResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes a sign-in: WorkOS sends the browser here with {@code code} and {@code state}.
 *
 * <p>Map it at the path of {@code workos.redirect-uri} (the sample uses {@code /callback}). It
 * checks the state against the flow cookie the login servlet set (and deletes that cookie, so a
 * state is used once), exchanges the code with the PKCE verifier, sets the session cookie and
 * sends the browser back to where it wanted to go. Every failure ends on a small error page with
 * the right status and a link to sign in again: 400 for a stale, replayed or tampered link, 502 or
 * 503 when WorkOS cannot be reached.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitCallbackServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AuthKitCallbackServlet.class.getName());
  private static final int MAX_PARAM_LENGTH = 2048;

  @Override
  List<String> knownInitParams() {
    return List.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuthKitRuntime runtime = runtime();
    NoStore.apply(response);
    String tryAgain = Urls.contextPath(request) + endpoints().loginPath();
    String state = request.getParameter("state");
    Optional<String> flowCookie = Optional.empty();
    String flowCookieName = null;
    if (state != null && !state.isEmpty() && state.length() <= MAX_PARAM_LENGTH) {
      flowCookieName = FlowCookies.nameFor(state);
      flowCookie = FlowCookies.value(request, flowCookieName);
      // Used once, whatever happens next.
      if (flowCookie.isPresent()) {
        runtime.cookies.clearFlow(request, response, flowCookieName);
      }
    }

    String error = request.getParameter("error");
    if (error != null) {
      String description = request.getParameter("error_description");
      LOG.log(Level.FINE, "WorkOS returned an error to the callback");
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in did not complete",
          "WorkOS reported: " + clip(error) + (description == null ? "" : " (" + clip(description) + ")"), tryAgain);
      return;
    }
    if (flowCookieName == null) {
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in link incomplete",
          "The sign-in response carried no state. Please sign in again.", tryAgain);
      return;
    }
    Optional<FlowState> flow = flowCookie.flatMap(runtime.flows::unseal);
    if (flow.isEmpty() || !sameSecret(flow.get().state(), state)) {
      // No cookie: expired (10 minutes), already used, another browser, or a forged link.
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in link expired or already used",
          "This sign-in response does not match a sign-in started in this browser in the last few minutes."
              + " Please sign in again.", tryAgain);
      return;
    }
    String code = request.getParameter("code");
    if (code == null || code.isEmpty() || code.length() > MAX_PARAM_LENGTH) {
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in link incomplete",
          "The sign-in response carried no code. Please sign in again.", tryAgain);
      return;
    }

    GrantResult result = runtime.workos.exchangeCode(code, flow.get().codeVerifier());
    if (result instanceof GrantResult.Terminal terminal) {
      ErrorPage.write(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-in code not accepted",
          "WorkOS did not accept this sign-in code (" + terminal.reason()
              + "): it may have expired or been used already. Please sign in again.", tryAgain);
      return;
    }
    if (result instanceof GrantResult.Transient failure) {
      boolean unreachable = "workos_unreachable".equals(failure.reason())
          || "workos_rate_limited".equals(failure.reason());
      response.setHeader("Retry-After", Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
      ErrorPage.write(response,
          unreachable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_BAD_GATEWAY,
          "Sign-in service unavailable",
          "WorkOS could not complete the sign-in just now (" + failure.reason() + "). Please try again in a moment.",
          tryAgain);
      return;
    }
    GrantResult.Success success = (GrantResult.Success) result;
    try {
      runtime.cookies.setSession(request, response, runtime.authenticator.seal(success.session()));
    } catch (CookieTooLargeException e) {
      LOG.log(Level.SEVERE, "session cookie not set, the user cannot stay signed in: {0}", e.getMessage());
      ErrorPage.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Session too large",
          "Your account's session is larger than browsers can store, so you cannot stay signed in."
              + " The administrator has been told (see the server log).", tryAgain);
      return;
    }
    // The return path was sanitised at login and sealed since; sanitise again to be safe anyway.
    response.sendRedirect(Urls.contextPath(request) + ReturnPaths.sanitize(flow.get().returnPath()));
  }

  private static boolean sameSecret(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static String clip(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
