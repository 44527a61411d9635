package io.github.authkitservlet.emulator.control;

import io.github.authkitservlet.emulator.data.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The active error hooks; the first matching hook fires and uses up one of its count. */
public final class ErrorHooks {

  private final List<ErrorHook> hooks = new ArrayList<>();

  /** Adds a hook and returns it with its new id. */
  public synchronized ErrorHook add(String method, String path, int status, String body, int count, Duration delay) {
    ErrorHook hook = new ErrorHook(Ids.random("hook", Instant.now()), method, path, status, body, count, delay);
    hooks.add(hook);
    return hook;
  }

  public synchronized boolean remove(String id) {
    return hooks.removeIf(h -> h.id().equals(id));
  }

  public synchronized void clear() {
    hooks.clear();
  }

  public synchronized List<ErrorHook> list() {
    return List.copyOf(hooks);
  }

  /** Finds the hook for this request and consumes one use of it. */
  public synchronized Optional<ErrorHook> take(String method, String path) {
    for (int i = 0; i < hooks.size(); i++) {
      ErrorHook hook = hooks.get(i);
      if (hook.matches(method, path)) {
        if (hook.count() > 0) {
          int left = hook.count() - 1;
          if (left == 0) {
            hooks.remove(i);
          } else {
            hooks.set(i, new ErrorHook(hook.id(), hook.method(), hook.path(), hook.status(), hook.body(), left,
                hook.delay()));
          }
        }
        return Optional.of(hook);
      }
    }
    return Optional.empty();
  }

  /** The answer body for a hook that fired. */
  public static String body(ErrorHook hook) {
    return hook.effectiveBody();
  }
}
