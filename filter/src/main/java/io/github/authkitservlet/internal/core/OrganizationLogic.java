package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.web.ReturnPaths;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.MembershipList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Switches the signed-in user to another of their organizations: a refresh grant with that
 * {@code organization_id}, a resealed cookie, and a redirect to where the user was, where the new
 * organization's role and permissions are in effect.
 *
 * <p>What WorkOS needs the user for ({@code sso_required}, {@code mfa_enrollment}, or a URL of its
 * own) sends the browser to sign in to that organization. A user who is not a member gets a 403
 * page and keeps the current session; WorkOS is not even asked to switch (the membership list
 * says so first, asked afresh before saying no). A switch another site started is refused.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class OrganizationLogic {

  private static final Logger LOG = Logger.getLogger(OrganizationLogic.class.getName());
  /** WorkOS's organization ids are {@code org_} and a ULID; this is generous and keeps junk out. */
  private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** Refusals that only a sign-in to that organization can settle. */
  private static final Set<String> NEEDS_SIGN_IN = Set.of("sso_required", "mfa_enrollment");

  private final SessionAuthenticator authenticator;
  private final OrganizationDirectory directory;
  private final Addresses addresses;
  private final String sessionCookieName;

  OrganizationLogic(SessionAuthenticator authenticator, OrganizationDirectory directory, Addresses addresses,
      String sessionCookieName) {
    this.authenticator = authenticator;
    this.directory = directory;
    this.addresses = addresses;
    this.sessionCookieName = sessionCookieName;
  }

  /**
   * The decision for a request to switch to {@code organizationId} and then go to
   * {@code returnTo} (a path inside the application, sanitised like a sign-in's). Never throws for
   * bad input.
   */
  public Decision switchTo(RequestFacts request, String organizationId, String returnTo, Site site,
      SessionEvents events) {
    Effects effects = Effects.uncacheable();
    String returnPath = ReturnPaths.sanitize(returnTo);
    String back = site.contextPath() + returnPath;
    if (CrossSite.isCrossSite(request, addresses)) {
      return refuse(403, "cross_site_refused", "Request refused", "Another site asked to switch your organization."
          + " Switch from this application's own pages.", site.root(), effects);
    }
    if (organizationId == null || !ORGANIZATION_ID.matcher(organizationId).matches()) {
      return refuse(400, "bad_request", "Invalid organization", "No valid organization was given to switch to.",
          back, effects);
    }
    String signInThere = site.loginHref() + "?returnTo=" + encode(returnPath) + "&organization_id="
        + encode(organizationId);

    AuthOutcome current = authenticator.authenticate(request.sessionCookie());
    if (!events.isEmpty()) {
      SecurityLogic.tellOfRefresh(current, events);
    }
    if (current instanceof AuthOutcome.Unavailable unavailable) {
      return unavailable(unavailable.failure(), back, effects);
    }
    if (!(current instanceof AuthOutcome.Authenticated signedIn)) {
      boolean clear = ((AuthOutcome.Anonymous) current).clearCookie();
      return new Decision.Redirect(signInThere, clear ? effects.with(new CookieChange.ClearSession()) : effects);
    }
    String cookie = request.sessionCookie();
    if (signedIn.newCookieValue().isPresent()) {
      // Refreshed on the way: the switch starts from the new cookie, which the browser gets whatever happens.
      cookie = signedIn.newCookieValue().get();
      effects = effects.with(new CookieChange.SetSession(cookie));
    }

    Standing standing = standing(signedIn.session().claims().userId(), organizationId);
    if (standing.unknown() != null) {
      return unavailable(standing.unknown(), back, effects);
    }
    if (!standing.member()) {
      return refuse(403, "not_a_member", "Not a member of that organization",
          "Your account is not a member of the organization you chose. You are still signed in as before.",
          back, effects);
    }

    AuthOutcome switched = authenticator.refreshInto(cookie, organizationId);
    if (switched instanceof AuthOutcome.Authenticated moved) {
      String sealed = moved.newCookieValue().orElseThrow();
      Optional<Decision.Refuse> tooLarge = CookieSize.refuseOversizedSession(sessionCookieName, sealed,
          "switched session cookie not set, the user stays in the former organization", site, effects);
      if (tooLarge.isPresent()) {
        return tooLarge.get();
      }
      events.refreshed(moved.session(), null);
      // The switched cookie only: it replaces any cookie refreshed on the way.
      return new Decision.Redirect(back, Effects.uncacheable().with(new CookieChange.SetSession(sealed)));
    }
    if (switched instanceof AuthOutcome.Unavailable unavailable) {
      events.refreshed(null, unavailable.failure());
      return unavailable(unavailable.failure(), back, effects);
    }
    AuthOutcome.Anonymous refused = (AuthOutcome.Anonymous) switched;
    Failure failure = refused.refreshFailure();
    if (failure == null) {
      // The cookie holds no session, or an ended one.
      return new Decision.Redirect(signInThere, effects.with(new CookieChange.ClearSession()));
    }
    if (failure.authkitRedirectUrl() != null) {
      return new Decision.Redirect(failure.authkitRedirectUrl(), effects);
    }
    if (NEEDS_SIGN_IN.contains(failure.code())) {
      return new Decision.Redirect(signInThere, effects);
    }
    LOG.log(Level.FINE, "WorkOS refused an organization switch ({0})", failure.code());
    return refuse(403, "organization_switch_refused", "Could not switch organization", "WorkOS did not move this"
        + " session to that organization (" + failure.code() + "). You are still signed in as before; signing in to"
        + " that organization may work.", signInThere, effects);
  }

  /** What WorkOS's membership list says: a member or not, or why it could not be asked ({@code unknown}). */
  private record Standing(boolean member, Failure unknown) {}

  /** Kept answers say yes at once; a no is asked afresh, since the user may just have joined. */
  private Standing standing(String userId, String organizationId) {
    MembershipList list = directory.organizationsOf(userId);
    if (list instanceof MembershipList.Listed listed && !isMember(listed, organizationId)) {
      list = directory.fresh(userId);
    }
    if (list instanceof MembershipList.Failed failed) {
      return new Standing(false, failed.failure());
    }
    return new Standing(isMember((MembershipList.Listed) list, organizationId), null);
  }

  private static boolean isMember(MembershipList.Listed listed, String organizationId) {
    return listed.memberships().stream().anyMatch(m -> m.organizationId().equals(organizationId));
  }

  private static Decision unavailable(Failure failure, String back, Effects effects) {
    return new Decision.Refuse(failure.reason().status(), failure.reason().code(), "Organization switch unavailable",
        "WorkOS could not be asked just now (" + failure.code() + "). Please try again in a moment.", true, back,
        failure.retryAfter(), null, effects);
  }

  private static Decision refuse(int status, String code, String title, String message, String tryAgain,
      Effects effects) {
    return new Decision.Refuse(status, code, title, message, true, tryAgain, null, null, effects);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
