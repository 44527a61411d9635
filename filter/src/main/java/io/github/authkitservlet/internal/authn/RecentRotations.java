package io.github.authkitservlet.internal.authn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, briefly, which session replaced a refresh token that was just used.
 *
 * <p>Why: refresh tokens are single-use. A request that set off with the old cookie (another tab,
 * a retry, a request that raced the one that refreshed) would otherwise present a spent token and
 * be signed out. Entries are keyed by a digest of the old refresh token (never the token itself),
 * live {@link #TTL} and are capped at {@link #MAX_ENTRIES}, so memory is bounded (each entry is a
 * few KB: one sealed session) whatever the load.
 */
final class RecentRotations {

  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_ENTRIES = 1000;

  private record Entry(RefreshedSession session, Instant expiresAt) {}

  private final Clock clock;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  RecentRotations(Clock clock) {
    this.clock = clock;
  }

  synchronized void remember(String refreshTokenDigest, RefreshedSession session) {
    entries.put(refreshTokenDigest, new Entry(session, clock.instant().plus(TTL)));
  }

  synchronized Optional<RefreshedSession> find(String refreshTokenDigest) {
    Entry entry = entries.get(refreshTokenDigest);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expiresAt())) {
      entries.remove(refreshTokenDigest);
      return Optional.empty();
    }
    return Optional.of(entry.session());
  }

  synchronized int size() {
    return entries.size();
  }
}
