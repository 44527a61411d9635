/**
 * WorkOS AuthKit sign-in for Jakarta Servlet applications: the API you use.
 *
 * <ul>
 *   <li>{@link io.github.authkitservlet.AuthKitFilter} protects the URL patterns it is mapped to;
 *   <li>{@link io.github.authkitservlet.AuthKitLoginServlet},
 *       {@link io.github.authkitservlet.AuthKitCallbackServlet} and
 *       {@link io.github.authkitservlet.AuthKitLogoutServlet} run the hosted sign-in and sign-out;
 *   <li>{@link io.github.authkitservlet.AuthKitOrganizationServlet} switches the user to another of
 *       their organizations;
 *   <li>{@link io.github.authkitservlet.AuthKitPrincipal} is the signed-in user, as
 *       {@code request.getUserPrincipal()} and the request attribute {@code authkitUser}, with
 *       their organizations ({@link io.github.authkitservlet.AuthKitOrganization});
 *   <li>{@link io.github.authkitservlet.AuthKitListener} hears of sign-ins, refreshes and sign-outs.
 * </ul>
 *
 * <p>Everything under {@code io.github.authkitservlet.internal} is the implementation: it is not
 * part of the API and may change in any release.
 */
package io.github.authkitservlet;
