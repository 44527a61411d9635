package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.CallbackLogic.CallbackRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Finishes a sign-in: WorkOS sends the browser here with {@code code} and {@code state}.
 *
 * <p>Map it at the path of {@code workos.redirect-uri} (the sample uses {@code /callback}). It
 * checks the state against the flow cookie the login servlet set (and deletes that cookie, so a
 * state is used once), exchanges the code with the PKCE verifier, tells the application's
 * {@link AuthKitListener}s, sets the session cookie and sends the browser back to where it wanted to
 * go.
 *
 * <p>A callback without its sign-in (no {@code state}, or no flow cookie for it: a link used twice or
 * more than ten minutes old, a sign-in started on another host name, a WorkOS dashboard
 * impersonation sent straight here) never has its code exchanged, since the code could be anyone's:
 * the browser is sent to the login servlet to sign in afresh, once; a second such callback in a row
 * gets the error page. Every failure ends on a small error page with the right status and a link to
 * sign in again: 400 for a tampered link or a code WorkOS refused, 403 when a listener refused the
 * sign-in, 502 or 503 when WorkOS cannot be reached.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitCallbackServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    CallbackRequest callback = new CallbackRequest(
        request.getParameter("state"),
        request.getParameter("code"),
        request.getParameter("error"),
        request.getParameter("error_description"),
        name -> ServletRequests.cookie(request, name));
    write(runtime().core.callback().complete(callback, site(), runtime().events(request)), request, response);
  }
}
