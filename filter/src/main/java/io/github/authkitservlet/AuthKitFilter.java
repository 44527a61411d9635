package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.AccessRules;
import io.github.authkitservlet.internal.core.Caller;
import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Protection;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Protects the URL patterns it is mapped to with WorkOS AuthKit sign-in.
 *
 * <p>Requests with a valid session go through with the user visible through the servlet API:
 * {@code getUserPrincipal()} (an {@link AuthKitPrincipal}), {@code getRemoteUser()} (the WorkOS
 * user id), {@code isUserInRole(role)} (WorkOS roles), {@code getAuthType()} ({@code "AUTHKIT"})
 * and the request attribute {@value AuthKitPrincipal#REQUEST_ATTRIBUTE}. An access token that has
 * expired, or is about to, is refreshed on the way (the new cookie is set on the response);
 * concurrent requests share one refresh.
 *
 * <p>Requests without a session: page navigations are redirected to the login servlet with {@code
 * returnTo}; API calls (XHR/fetch, JSON clients, non-GET methods, {@code api-paths}) get {@code 401}
 * JSON. A user without a role in {@code roles-allowed} or a permission in {@code
 * permissions-required} gets {@code 403}. When WorkOS cannot be reached to refresh an expired token,
 * the user is not signed out: the answer is {@code 503} with {@code Retry-After}. Every response to
 * a request that sent a session cookie carries {@code Cache-Control: no-store} and
 * {@code Vary: Cookie}.
 *
 * <p>Init-params (names and patterns are separated by commas or whitespace; patterns use servlet
 * syntax {@code /exact}, {@code /prefix/*}, {@code *.ext}):
 * <ul>
 *   <li>{@code public-paths}: patterns that need no session (a session, if present, is still shown);
 *       a {@code *.ext} pattern applies only where the container serves the request by extension or
 *       with its default servlet, never to a path it maps to another servlet ({@code /admin/x.css}
 *       under a servlet mapped at {@code /admin/*});
 *   <li>{@code api-paths}: patterns that always get 401/403 JSON, never a redirect;
 *   <li>{@code roles-allowed}: the user needs one of these WorkOS roles;
 *   <li>{@code permissions-required}: the user needs all of these WorkOS permissions;
 *   <li>{@code cors-preflight}: {@code reject} (the default: a CORS preflight on a protected path is
 *       answered 403 without running application code, since preflights carry no credentials) or
 *       {@code pass} (the application answers preflights itself);
 *   <li>{@code workos.*}: settings that override the application's for this filter.
 * </ul>
 * The paths of {@link AuthKitLoginServlet}, {@link AuthKitCallbackServlet}, {@link
 * AuthKitLogoutServlet} and {@link AuthKitOrganizationServlet} are always let through (each checks
 * what it needs itself). An unknown init-param stops the application from starting.
 *
 * <p>The application's {@link AuthKitListener}s hear of the refreshes the filter carries out.
 */
public class AuthKitFilter implements Filter {

  /**
   * ServletContext attribute that may hold a {@link java.time.Clock} used to judge token expiry
   * instead of the system clock. Meant for tests that move time forward (together with the
   * emulator's clock); it must be set before the first AuthKit component starts.
   */
  public static final String CLOCK_ATTRIBUTE = "io.github.authkitservlet.clock";

  private static final Logger LOG = Logger.getLogger(AuthKitFilter.class.getName());

  private ServletContext context;
  private AuthKitRuntime runtime;
  private AccessRules rules;
  private SiteLookup site;

  @Override
  public void init(FilterConfig config) throws ServletException {
    this.context = config.getServletContext();
    this.runtime = Components.start("filter", config.getFilterName(), context,
        config.getInitParameterNames(), config::getInitParameter, AccessRules.INIT_PARAMS);
    try {
      this.rules = AccessRules.parse(config::getInitParameter);
    } catch (AccessRules.InvalidParam e) {
      RuntimeRegistry.of(context).release(runtime);
      throw new ServletException("init-param '" + e.param() + "' on filter '" + config.getFilterName() + "': "
          + e.getMessage(), e);
    }
    this.site = new SiteLookup(context);
    LOG.log(Level.CONFIG, "AuthKit filter ''{0}'' started with {1}", new Object[] {config.getFilterName(), runtime.config});
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Decision decision = runtime.decide(request, rules, site.site(), Protection.RULES);
    if (runtime.writer.write(decision, request, response)) {
      Caller caller = ((Decision.Proceed) decision).caller();
      chain.doFilter(caller == null ? request : runtime.authenticated(request, caller), response);
    }
  }

  @Override
  public void destroy() {
    if (runtime != null) {
      RuntimeRegistry.of(context).release(runtime);
      runtime = null;
    }
  }
}
