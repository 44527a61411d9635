package io.github.authkitservlet.internal.core;

import java.util.Locale;

/**
 * Whether a request is a browser page navigation (which we may redirect to the sign-in page) or a
 * programmatic call (which gets a status code and JSON, because a redirect to an HTML sign-in page
 * is useless to a script).
 *
 * <p>Internal API of authkit-servlet.
 */
enum RequestKind {
  /** A top-level navigation: GET/HEAD that wants HTML. */
  PAGE,
  /** XHR/fetch, a JSON client, a bearer credential, a non-GET method, or a path under {@code api-paths}. */
  API;

  /**
   * Classifies a request.
   *
   * @param underApiPaths whether the path matches the filter's {@code api-paths}
   */
  static RequestKind of(RequestFacts request, boolean underApiPaths) {
    if (underApiPaths) {
      return API;
    }
    String method = request.method();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return API;
    }
    if (request.header("X-Requested-With") != null) {
      return API;
    }
    // A client that sends a bearer credential is a program: a sign-in page is no answer for it.
    if (BearerHeader.isBearer(request.header("Authorization"))) {
      return API;
    }
    // Browsers tell us directly (Fetch Metadata); fetch() and XHR send cors/same-origin/no-cors.
    String fetchMode = request.header("Sec-Fetch-Mode");
    if (fetchMode != null && !fetchMode.equalsIgnoreCase("navigate")) {
      return API;
    }
    String accept = request.header("Accept");
    if (accept == null || accept.isBlank()) {
      return PAGE;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    if (lower.contains("text/html") || lower.contains("application/xhtml+xml")) {
      return PAGE;
    }
    return lower.contains("*/*") && !lower.contains("json") ? PAGE : API;
  }
}
