package io.github.authkitservlet;

import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.http.CookieTooLargeException;
import io.github.authkitservlet.internal.http.ErrorPage;
import io.github.authkitservlet.internal.http.NoStore;
import io.github.authkitservlet.internal.http.RequestKind;
import io.github.authkitservlet.internal.web.RequestPaths;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import io.github.authkitservlet.internal.web.PathPatterns;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Optional;
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
 * The paths of {@link AuthKitLoginServlet}, {@link AuthKitCallbackServlet} and {@link
 * AuthKitLogoutServlet} are always public. An unknown init-param stops the application from starting.
 */
public class AuthKitFilter implements Filter {

  /**
   * ServletContext attribute that may hold a {@link java.time.Clock} used to judge token expiry
   * instead of the system clock. Meant for tests that move time forward (together with the
   * emulator's clock); it must be set before the first AuthKit component starts.
   */
  public static final String CLOCK_ATTRIBUTE = "io.github.authkitservlet.clock";

  private static final Logger LOG = Logger.getLogger(AuthKitFilter.class.getName());
  /** Request attribute memoising the session resolution, so stacked AuthKit filters do it once. */
  private static final String RESOLUTION_ATTRIBUTE = AuthKitFilter.class.getName() + ".resolution";

  /** The session as resolved for one request by one runtime. */
  private record Resolution(AuthKitRuntime runtime, AuthOutcome outcome, AuthKitPrincipal principal) {}

  private FilterConfig filterConfig;
  private AuthKitRuntime runtime;
  private FilterRules rules;
  /** The application's own context path: the request's repeats whatever spelling the client sent. */
  private String contextPath;
  private volatile Endpoints endpoints;

  @Override
  public void init(FilterConfig config) throws ServletException {
    this.filterConfig = config;
    this.contextPath = config.getServletContext().getContextPath();
    this.runtime = Components.start("filter", config.getFilterName(), config.getServletContext(),
        config.getInitParameterNames(), config::getInitParameter, FilterRules.KNOWN);
    try {
      this.rules = FilterRules.parse(config.getFilterName(), config::getInitParameter);
    } catch (ServletException e) {
      RuntimeRegistry.of(config.getServletContext()).release(runtime);
      throw e;
    }
    LOG.log(Level.CONFIG, "AuthKit filter ''{0}'' started with {1}", new Object[] {config.getFilterName(), runtime.config});
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Optional<String> normalized = RequestPaths.normalize(request.getRequestURI(), contextPath);
    if (normalized.isEmpty()) {
      // Encoded slashes, "..", control characters: could be used to slip past a pattern.
      reject(request, response, false, HttpServletResponse.SC_BAD_REQUEST, "bad_request", "Invalid address",
          "This address is not valid.");
      return;
    }
    String path = normalized.get();
    if (endpoints().isEndpoint(path)) {
      chain.doFilter(request, response);
      return;
    }
    String cookie = FlowCookies.value(request, runtime.cookies.sessionCookieName()).orElse(null);
    if (cookie != null) {
      // Whatever the page shows (a user, or not), it was computed from a credential: no shared cache
      // may keep it, or hand it to someone else.
      NoStore.apply(response);
    }
    boolean api = rules.apiPaths().matches(path);

    if (isPublic(request, path)) {
      // Public pages may still show who is signed in; without a cookie there is nothing to do.
      Resolution resolution = cookie == null ? null : resolve(request, response, cookie);
      if (resolution != null && resolution.principal() != null) {
        chain.doFilter(wrap(request, resolution.principal()), response);
      } else if (!response.isCommitted()) {
        chain.doFilter(request, response);
      }
      return;
    }

    if (isCorsPreflight(request)) {
      if (rules.passCorsPreflights()) {
        chain.doFilter(request, response); // the application answers CORS itself
        return;
      }
      // A preflight never carries credentials, so it cannot be authenticated; answering it here
      // keeps application code that acts on OPTIONS from running for anonymous callers.
      reject(request, response, true, HttpServletResponse.SC_FORBIDDEN, "cors_preflight_refused", "Access denied",
          "CORS preflight requests are not passed to protected resources (init-param "
              + FilterRules.CORS_PREFLIGHT + "=pass lets them through).");
      return;
    }
    Resolution resolution = resolve(request, response, cookie);
    if (resolution == null) {
      return; // an error page was written
    }
    AuthOutcome outcome = resolution.outcome();
    if (outcome instanceof AuthOutcome.Unavailable unavailable) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
      reject(request, response, api, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
          "Sign-in service unavailable", "Your session could not be confirmed just now. Please try again in a moment.");
      return;
    }
    if (resolution.principal() == null) {
      unauthenticated(request, response, path, api);
      return;
    }
    NoStore.apply(response);
    if (!rules.allows(resolution.principal())) {
      reject(request, response, api, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Access denied",
          "Your account does not have the role or permission this page needs.");
      return;
    }
    chain.doFilter(wrap(request, resolution.principal()), response);
  }

  @Override
  public void destroy() {
    if (runtime != null) {
      RuntimeRegistry.of(filterConfig.getServletContext()).release(runtime);
      runtime = null;
    }
  }

  /**
   * Resolves the session once per request (and runtime), applying its cookie effects to the
   * response. Returns null when it had to write an error page instead.
   */
  private Resolution resolve(HttpServletRequest request, HttpServletResponse response, String cookie)
      throws IOException {
    if (request.getAttribute(RESOLUTION_ATTRIBUTE) instanceof Resolution earlier && earlier.runtime() == runtime) {
      return earlier;
    }
    AuthOutcome outcome = runtime.authenticator.authenticate(cookie);
    AuthKitPrincipal principal = null;
    if (outcome instanceof AuthOutcome.Authenticated authenticated) {
      principal = new AuthKitPrincipal(authenticated.session());
      if (authenticated.newCookieValue().isPresent()) {
        NoStore.apply(response);
        try {
          runtime.cookies.setSession(request, response, authenticated.newCookieValue().get());
        } catch (CookieTooLargeException e) {
          LOG.log(Level.SEVERE, "refreshed session cookie not set, the user cannot stay signed in: {0}", e.getMessage());
          runtime.cookies.clearSession(request, response);
          ErrorPage.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Session too large",
              "Your account's session is larger than browsers can store, so you cannot stay signed in."
                  + " The administrator has been told (see the server log).", loginHref());
          return null;
        }
      }
    } else if (outcome instanceof AuthOutcome.Anonymous anonymous && anonymous.clearCookie()) {
      NoStore.apply(response);
      runtime.cookies.clearSession(request, response);
    }
    Resolution resolution = new Resolution(runtime, outcome, principal);
    request.setAttribute(RESOLUTION_ATTRIBUTE, resolution);
    return resolution;
  }

  /**
   * Whether the path needs no session. An exact or prefix pattern says so by itself; an extension
   * pattern ({@code *.css}) only where the container serves the request by extension or with its
   * default servlet, so that {@code /dashboard/x.css} cannot slip past the filter into a protected
   * servlet mapped at {@code /dashboard/*}.
   */
  private boolean isPublic(HttpServletRequest request, String path) {
    PathPatterns publicPaths = rules.publicPaths();
    if (publicPaths.matchesExactOrPrefix(path)) {
      return true;
    }
    if (!publicPaths.matchesExtension(path)) {
      return false;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    return match == MappingMatch.EXTENSION || match == MappingMatch.DEFAULT;
  }

  private static HttpServletRequest wrap(HttpServletRequest request, AuthKitPrincipal principal) {
    request.setAttribute(AuthKitPrincipal.REQUEST_ATTRIBUTE, principal);
    if (request instanceof AuthenticatedRequest wrapped && wrapped.getUserPrincipal() == principal) {
      return request;
    }
    return new AuthenticatedRequest(request, principal);
  }

  private void unauthenticated(HttpServletRequest request, HttpServletResponse response, String path, boolean api)
      throws IOException {
    NoStore.apply(response);
    if (RequestKind.of(request, api) == RequestKind.PAGE) {
      // The normalised path, not the raw request text: the return path must mean what was matched.
      String inside = Urls.encodePath(path);
      String returnTo = request.getQueryString() == null ? inside : inside + "?" + request.getQueryString();
      response.sendRedirect(loginHref() + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    response.setHeader("WWW-Authenticate", "AuthKit realm=\"" + (contextPath.isEmpty() ? "/" : contextPath) + "\"");
    runtime.json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
        "Sign in first: " + loginHref());
  }

  private void reject(HttpServletRequest request, HttpServletResponse response, boolean api, int status,
      String code, String title, String message) throws IOException {
    if (RequestKind.of(request, api) == RequestKind.PAGE) {
      ErrorPage.write(response, status, title, message, loginHref());
    } else {
      runtime.json.error(response, status, code, message);
    }
  }

  private String loginHref() {
    return contextPath + endpoints().loginPath();
  }

  private static boolean isCorsPreflight(HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod())
        && request.getHeader("Origin") != null
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  /** Looked up on first use: by then every servlet of the application is registered. */
  private Endpoints endpoints() {
    Endpoints known = endpoints;
    if (known == null) {
      known = Endpoints.of(filterConfig.getServletContext());
      endpoints = known;
    }
    return known;
  }
}
