package io.github.authkitservlet.sample.api;

import io.github.authkitservlet.AuthKitPrincipal;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /api/me}: the caller as JSON, for front ends (see {@code app.html}) and for scripts
 * that send {@code Authorization: Bearer} with a WorkOS access token or one of your customers' WorkOS
 * API keys.
 *
 * <p>The AuthKit filter guards this path as an API path, so a request without a session or a valid
 * bearer credential never gets here: it is answered {@code 401 {"error":"unauthenticated",...}} (or
 * {@code invalid_token}) by the filter, never redirected.
 */
public final class MeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  // Jsonb instances are thread-safe and costly to create: one per servlet instance.
  private transient Jsonb jsonb;

  @Override
  public void init() throws ServletException {
    jsonb = JsonbBuilder.create();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal principal = request.getUserPrincipal();
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (!(principal instanceof AuthKitPrincipal user)) {
      // Only reachable if web.xml maps this servlet outside the filter's api-paths: answer like the filter.
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.getWriter().write("{\"error\":\"unauthenticated\",\"message\":\"Sign in first.\"}");
      return;
    }
    jsonb.toJson(Me.of(user), response.getWriter());
  }

  @Override
  public void destroy() {
    try {
      if (jsonb != null) {
        jsonb.close();
      }
    } catch (Exception e) {
      log("closing JSON-B failed", e);
    }
  }
}
