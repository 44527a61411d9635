package io.github.authkitservlet;

import com.nimbusds.jwt.JWTParser;
import io.github.authkitservlet.http.NoStore;
import io.github.authkitservlet.session.SessionData;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Signs the user out: deletes the session cookie (and any sign-in in progress) and sends the browser
 * to WorkOS to end the WorkOS session too, which then returns to {@code workos.logout-return-uri}
 * (default: the application's root).
 *
 * <p>Answers GET and POST (use POST from a form if you want a cross-site page not to be able to
 * sign your users out). Works when the access token has already expired.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitLogoutServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

  @Override
  List<String> knownInitParams() {
    return List.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    logout(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    logout(request, response);
  }

  private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuthKitRuntime runtime = runtime();
    Optional<String> cookie = FlowCookies.value(request, runtime.cookies.sessionCookieName());
    // A replayed copy of this cookie must be verified again, not served from the session cache.
    cookie.ifPresent(runtime.authenticator::forget);
    Optional<String> sessionId = cookie
        .flatMap(runtime.authenticator::unsealOnly)
        .flatMap(AuthKitLogoutServlet::sessionId);

    NoStore.apply(response);
    runtime.cookies.clearSession(request, response);
    for (Cookie flow : FlowCookies.present(request)) {
      runtime.cookies.clearFlow(request, response, flow.getName());
    }
    String returnTo = runtime.config.logoutReturnUri()
        .map(uri -> Urls.absolute(request, uri))
        .orElseGet(() -> Urls.applicationRoot(request));
    response.sendRedirect(sessionId.map(sid -> runtime.workos.logoutUrl(sid, returnTo)).orElse(returnTo));
  }

  /**
   * The session id inside the access token, read WITHOUT verifying the token. That is safe here:
   * the token came out of a cookie we sealed (HMAC-checked), and the id is only used to send the
   * browser to WorkOS's logout page, where WorkOS decides what to end. Verifying would be wrong:
   * an expired token (the usual case for a user coming back after a while) would make logout skip
   * WorkOS and leave the WorkOS session alive.
   */
  private static Optional<String> sessionId(SessionData session) {
    try {
      Object sid = JWTParser.parse(session.accessToken()).getJWTClaimsSet().getClaim("sid");
      return sid instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
