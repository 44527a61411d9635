package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Effects;
import io.github.authkitservlet.internal.core.Protection;
import io.github.authkitservlet.internal.core.RequestFacts;
import io.github.authkitservlet.internal.core.Site;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Switches the signed-in user to another of their organizations: a form posts
 * {@code organization_id} here (and optionally {@code returnTo}, a path inside the application as
 * for signing in; by default the application's root). The session is refreshed into that
 * organization at WorkOS, the cookie resealed, and the browser sent back, where
 * {@link AuthKitPrincipal} has the new organization, role and permissions.
 *
 * <ul>
 *   <li>When WorkOS needs the user for that organization (SSO, MFA enrolment), the browser is sent
 *       to sign in to it.
 *   <li>A user who is not a member gets a 403 page and keeps the current session.
 *   <li>Signed out, the browser is sent to sign in to that organization.
 *   <li>A POST another site started gets a 403 page; only POST switches (GET answers 405).
 * </ul>
 *
 * <p>Map it in web.xml (the sample uses {@code /switch-organization}); {@link AuthKitFilter} finds
 * it like the other AuthKit servlets. The organizations to offer are in
 * {@link AuthKitPrincipal#getOrganizations()}.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitOrganizationServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuthKitRuntime runtime = runtime();
    Site site = site();
    RequestFacts facts = ServletRequests.facts(request, site.contextPath(), runtime.config.cookieName(),
        Protection.RULES);
    write(runtime.core.organizationSwitch().switchTo(facts, request.getParameter("organization_id"),
        request.getParameter("returnTo"), site, runtime.events(request)), request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("Allow", "POST");
    write(new Decision.Refuse(405, "method_not_allowed", "Use the form",
        "Organizations are switched with a form that posts here.", true, site().root(), null, null,
        Effects.uncacheable()), request, response);
  }
}
