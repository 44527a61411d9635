package io.github.authkitservlet.emulator.control;

import java.time.Duration;

/**
 * One injected failure, in the official emulator's shape ({@code method}, {@code path},
 * {@code status}, {@code body}) plus how many times it fires and how long it waits first.
 *
 * @param method HTTP method, or {@code *} for any
 * @param path exact request path, or a prefix ending in {@code *}
 * @param status HTTP status to answer with; 0 means "no answer change", only the delay applies
 * @param body response body (JSON); null for WorkOS's default body for that status
 * @param times how many requests it applies to; 0 or less means every request until cleared
 * @param delay how long to wait before answering (to provoke client timeouts)
 */
public record ErrorHook(String method, String path, int status, String body, int times, Duration delay) {

  public ErrorHook {
    method = method == null || method.isBlank() ? "*" : method.toUpperCase(java.util.Locale.ROOT);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is required");
    }
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be between 100 and 599");
    }
    delay = delay == null ? Duration.ZERO : delay;
    if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("delay must be between 0 and 120000 ms");
    }
  }

  boolean matches(String requestMethod, String requestPath) {
    boolean methodOk = method.equals("*") || method.equalsIgnoreCase(requestMethod);
    boolean pathOk = path.endsWith("*")
        ? requestPath.startsWith(path.substring(0, path.length() - 1))
        : path.equals(requestPath);
    return methodOk && pathOk;
  }
}
