package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Site;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * What AuthKit's servlets (login, callback, logout, organization switch) share: they start from the application's one
 * configuration (checking their init-param names on the way), use the {@link AuthKitRuntime} it
 * gives, and hand that back when the container stops them.
 */
abstract class AuthKitServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient AuthKitRuntime runtime;
  private transient SiteLookup site;

  /**
   * The init-params this servlet accepts besides {@code workos.*} (none, unless a servlet says
   * otherwise); anything else fails start-up.
   */
  List<String> knownInitParams() {
    return List.of();
  }

  @Override
  public void init() throws ServletException {
    runtime = Components.start("servlet", getServletName(), getServletContext(), getInitParameterNames(),
        this::getInitParameter, knownInitParams());
    site = new SiteLookup(getServletContext());
  }

  @Override
  public void destroy() {
    if (runtime != null) {
      RuntimeRegistry.of(getServletContext()).release(runtime);
      runtime = null;
    }
  }

  final AuthKitRuntime runtime() {
    return runtime;
  }

  /** Where the application lives (found on first use, when every servlet is registered). */
  final Site site() {
    return site.site();
  }

  /** Carries the decision out on the response. */
  final void write(Decision decision, HttpServletRequest request, HttpServletResponse response) throws IOException {
    runtime.writer.write(decision, request, response);
  }
}
