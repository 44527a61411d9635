package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values behind random single-use keys that expire: authorization codes, and sign-ins waiting
 * for the user to pick an organization. Taking a value removes it, whether or not it is valid.
 */
final class OneTimeStore<T> {

  private record Item<T>(T value, Instant expiresAt) { }

  private final Clock clock;
  private final Duration lifetime;
  private final Map<String, Item<T>> items = new HashMap<>();

  OneTimeStore(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  synchronized String put(T value) {
    Instant now = clock.instant();
    // Drop expired entries so an emulator running for days does not grow without bound.
    items.values().removeIf(i -> !now.isBefore(i.expiresAt));
    String key = Ids.secret();
    items.put(key, new Item<>(value, now.plus(lifetime)));
    return key;
  }

  synchronized Optional<T> take(String key) {
    Item<T> item = key == null ? null : items.remove(key);
    if (item == null || !clock.instant().isBefore(item.expiresAt)) {
      return Optional.empty();
    }
    return Optional.of(item.value);
  }

  synchronized void clear() {
    items.clear();
  }
}
