package io.github.authkitservlet.emulator.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method + path to a handler. Paths are literal segments or {@code {name}} placeholders
 * that match one segment. Unknown path → 404, known path with another method → 405.
 */
public final class Router {

  private record Route(String method, String[] segments, Handler handler) { }

  private final List<Route> routes = new ArrayList<>();

  public Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  Response dispatch(Request request) {
    String[] segments = split(request.path());
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = match(route.segments, segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method.equals(request.method())
          || (route.method.equals("GET") && request.method().equals("HEAD"))) {
        return route.handler.handle(request.withPathParams(params));
      }
    }
    if (pathKnown) {
      throw ApiException.api(405, "method_not_allowed", "Method " + request.method() + " is not allowed here.");
    }
    throw ApiException.notFound("No such endpoint in the WorkOS emulator.");
  }

  private static Map<String, String> match(String[] pattern, String[] actual) {
    if (pattern.length != actual.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), actual[i]);
      } else if (!p.equals(actual[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
