package io.github.authkitservlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/**
 * What the login, callback and logout servlets share: they start from the application's one
 * configuration (checking their init-param names on the way), use the {@link AuthKitRuntime} it
 * gives, and hand that back when the container stops them.
 */
abstract class AuthKitServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient AuthKitRuntime runtime;
  private transient volatile Endpoints endpoints;

  /** The init-params this servlet accepts besides {@code workos.*}; anything else fails start-up. */
  abstract List<String> knownInitParams();

  @Override
  public void init() throws ServletException {
    runtime = Components.start("servlet", getServletName(), getServletContext(), getInitParameterNames(),
        this::getInitParameter, knownInitParams());
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

  /** Looked up on first use: by the first request every servlet of the application is registered. */
  final Endpoints endpoints() {
    Endpoints known = endpoints;
    if (known == null) {
      known = Endpoints.of(getServletContext());
      endpoints = known;
    }
    return known;
  }
}
