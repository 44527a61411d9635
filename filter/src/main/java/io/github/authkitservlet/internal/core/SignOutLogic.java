package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.util.Collection;
import java.util.Optional;

/**
 * Signs the user out: ends the session (on this server at once, and at WorkOS), deletes the session
 * and flow cookies, and sends the browser to WorkOS's logout page, which returns to
 * {@code workos.logout-return-uri} or the application's root. A sign-out another site started
 * gets a confirmation page instead, so a link or form elsewhere cannot sign users out.
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
   * The decision for a sign-out request.
   *
   * @param flowCookieNames the sign-in flow cookies the browser sent
   * @param action the sign-out servlet's own path (where the confirmation page posts)
   */
  public Decision signOut(RequestFacts request, Collection<String> flowCookieNames, String action, Site site) {
    if (CrossSite.isCrossSite(request, addresses)) {
      return new Decision.ConfirmSignOut(action, site.root(), Effects.uncacheable());
    }
    Optional<String> sessionId = Optional.ofNullable(request.sessionCookie()).flatMap(authenticator::endSession);
    Effects effects = Effects.uncacheable().with(new CookieChange.ClearSession());
    for (String flow : flowCookieNames) {
      effects = effects.with(new CookieChange.ClearFlow(flow));
    }
    String returnTo = addresses.logoutReturn(request.origin(), site);
    return new Decision.Redirect(sessionId.map(sid -> workos.logoutUrl(sid, returnTo)).orElse(returnTo), effects);
  }
}
