package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.CallbackLogic.CallbackRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

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

  @Override
  List<String> knownInitParams() {
    return List.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    CallbackRequest callback = new CallbackRequest(
        request.getParameter("state"),
        request.getParameter("code"),
        request.getParameter("error"),
        request.getParameter("error_description"),
        name -> ServletRequests.cookie(request, name));
    write(runtime().core.callback().complete(callback, site()), request, response);
  }
}
