package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.FlowCookies;
import io.github.authkitservlet.internal.core.Protection;
import io.github.authkitservlet.internal.core.RequestFacts;
import io.github.authkitservlet.internal.core.Site;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Signs the user out: ends the session on this server (no copy of the cookie works here any more),
 * revokes it at WorkOS, deletes the session cookie (and any sign-in in progress), tells the
 * application's {@link AuthKitListener}s and sends the browser to WorkOS's logout page, which
 * returns to {@code workos.logout-return-uri} (default: the application's root, on the origin of
 * {@code workos.redirect-uri}).
 *
 * <p>Query parameter {@code returnTo}: where to go instead, for this sign-out. A path inside the
 * application (as for signing in: {@code /goodbye}), or an absolute URL listed in the setting
 * {@code workos.logout-return-uris}; anything else gets the default. WorkOS only returns to
 * addresses registered for the client (its dashboard's logout redirects).
 *
 * <p>Answers GET and POST from the application's own pages. A request another site started (a
 * link or form elsewhere, per {@code Sec-Fetch-Site}, {@code Origin} or {@code Referer}) does not
 * sign out: it gets a small page with a "Sign out" button instead. Works when the access token has
 * already expired. If WorkOS cannot be reached to revoke the session, the user is signed out all the
 * same and a WARNING is logged.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitLogoutServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

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
    Site site = site();
    RequestFacts facts = ServletRequests.facts(request, site.contextPath(), runtime.config.cookieName(),
        Protection.RULES);
    Set<String> flows = ServletRequests.cookiesStartingWith(request, FlowCookies.PREFIX).keySet();
    write(runtime.core.signOut().signOut(facts, request.getParameter("returnTo"), flows,
        site.contextPath() + request.getServletPath(), site, runtime.events(request)), request, response);
  }
}
