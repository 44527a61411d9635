package io.github.authkitservlet.emulator.control;

import java.time.Duration;
import java.util.Locale;

/**
 * One injected failure, in the official WorkOS emulator's shape ({@code id}, {@code method},
 * {@code path}, {@code status}, {@code body}, {@code count}) plus a delay.
 *
 * @param id identifier, for {@code DELETE /_emulate/hooks/{id}}
 * @param method HTTP method, or {@code *} for any
 * @param path {@code *} for every path, a prefix ending in {@code /*} (matching the prefix itself
 *     and everything below it), or an exact path
 * @param status HTTP status to answer with; 0 means "do not change the answer", only the delay applies
 * @param body response body (JSON); null for the official emulator's default body for that status
 * @param count how many requests it applies to; 0 or less means every request until removed
 * @param delay how long to wait before answering (to provoke client timeouts)
 */
public record ErrorHook(String id, String method, String path, int status, String body, int count, Duration delay) {

  public ErrorHook {
    method = method == null || method.isBlank() ? "*" : method.toUpperCase(Locale.ROOT);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is required");
    }
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be between 100 and 599 (or 0 for a delay only)");
    }
    delay = delay == null ? Duration.ZERO : delay;
    if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("delay must be between 0 and 120000 ms");
    }
  }

  boolean matches(String requestMethod, String requestPath) {
    boolean methodOk = method.equals("*") || method.equalsIgnoreCase(requestMethod);
    boolean pathOk;
    if (path.equals("*")) {
      pathOk = true;
    } else if (path.endsWith("/*")) {
      String prefix = path.substring(0, path.length() - 2);
      pathOk = requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
    } else {
      pathOk = path.equals(requestPath);
    }
    return methodOk && pathOk;
  }

  /** The answer body: the hook's own, or the official emulator's default for the status. */
  String effectiveBody() {
    if (body != null) {
      return body;
    }
    String[] codeAndMessage = switch (status) {
      case 400 -> new String[] {"bad_request", "Bad Request"};
      case 401 -> new String[] {"unauthorized", "Unauthorized"};
      case 403 -> new String[] {"forbidden", "Forbidden"};
      case 404 -> new String[] {"not_found", "Not Found"};
      case 409 -> new String[] {"conflict", "Conflict"};
      case 422 -> new String[] {"unprocessable_entity", "Unprocessable Entity"};
      case 429 -> new String[] {"rate_limit_exceeded", "Too Many Requests"};
      case 500 -> new String[] {"server_error", "Internal Server Error"};
      case 503 -> new String[] {"service_unavailable", "Service Unavailable"};
      default -> new String[] {"error", "Error " + status};
    };
    return "{\"message\":\"" + codeAndMessage[1] + "\",\"code\":\"" + codeAndMessage[0] + "\"}";
  }
}
