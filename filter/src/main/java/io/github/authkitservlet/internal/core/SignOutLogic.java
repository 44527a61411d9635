package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.authn.SessionAuthenticator.EndedSession;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Signs the user out: ends the session (on this server at once, and at WorkOS), deletes the session
 * and flow cookies, tells the application's listeners, and sends the browser to WorkOS's logout
 * page, which returns to the page the request asked for ({@code returnTo}: a path inside the
 * application, or an absolute URL from {@code workos.logout-return-uris}), else to
 * {@code workos.logout-return-uri} or the application's root. A sign-out another site started gets
 * a confirmation page instead, so a link or form elsewhere cannot sign users out.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SignOutLogic {

  private final SessionAuthenticator authenticator;
  private final WorkOsClient workos;
  private final Addresses addresses;

  SignOutLogic(SessionAuthenticator authenticator, WorkOsClient workos, Addresses addresses) {
    this.authenticator = authenticator;
    this.workos = workos;
    this.addresses = addresses;
  }

  /**
   * The decision for a sign-out request to the default destination, with nobody listening.
   *
   * @param flowCookieNames the sign-in flow cookies the browser sent
   * @param action the sign-out servlet's own path (where the confirmation page posts)
   */
  public Decision signOut(RequestFacts request, Collection<String> flowCookieNames, String action, Site site) {
    return signOut(request, null, flowCookieNames, action, site, SessionEvents.NONE);
  }

  /**
   * The decision for a sign-out request.
   *
   * @param returnTo where the request asks to go afterwards ({@code returnTo}), or null
   * @param flowCookieNames the sign-in flow cookies the browser sent
   * @param action the sign-out servlet's own path (where the confirmation page posts)
   * @param events hears of the session that ended
   */
  public Decision signOut(RequestFacts request, String returnTo, Collection<String> flowCookieNames, String action,
      Site site, SessionEvents events) {
    Optional<String> accepted = addresses.acceptedLogoutReturn(returnTo);
    if (CrossSite.isCrossSite(request, addresses)) {
      // The confirmation posts back here with the same destination, and only one we accept.
      String confirm = accepted.map(to -> action + "?returnTo=" + URLEncoder.encode(to, StandardCharsets.UTF_8))
          .orElse(action);
      return new Decision.ConfirmSignOut(confirm, site.root(), Effects.uncacheable());
    }
    Optional<EndedSession> ended = Optional.ofNullable(request.sessionCookie()).flatMap(authenticator::endSession);
    ended.ifPresent(session -> events.signedOut(session.userId(), session.sessionId()));
    Optional<String> sessionId = ended.map(EndedSession::sessionId);
    Effects effects = Effects.uncacheable().with(new CookieChange.ClearSession());
    for (String flow : flowCookieNames) {
      effects = effects.with(new CookieChange.ClearFlow(flow));
    }
    String destination = addresses.logoutReturn(request.origin(), site, accepted);
    return new Decision.Redirect(sessionId.map(sid -> workos.logoutUrl(sid, destination)).orElse(destination), effects);
  }
}
