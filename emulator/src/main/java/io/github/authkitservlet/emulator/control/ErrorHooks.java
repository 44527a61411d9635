package io.github.authkitservlet.emulator.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The active error hooks; the first matching hook with uses left fires and uses one up. */
public final class ErrorHooks {

  private final List<Slot> slots = new ArrayList<>();

  private static final class Slot {
    final ErrorHook hook;
    int remaining;

    Slot(ErrorHook hook) {
      this.hook = hook;
      this.remaining = hook.times();
    }
  }

  public synchronized void add(ErrorHook hook) {
    slots.add(new Slot(hook));
  }

  public synchronized void clear() {
    slots.clear();
  }

  public synchronized List<ErrorHook> list() {
    return slots.stream().map(s -> s.hook).toList();
  }

  /** Finds the hook for this request and consumes one use of it. */
  public synchronized Optional<ErrorHook> take(String method, String path) {
    for (var it = slots.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (slot.hook.matches(method, path)) {
        if (slot.remaining > 0 && --slot.remaining == 0) {
          it.remove();
        }
        return Optional.of(slot.hook);
      }
    }
    return Optional.empty();
  }
}
