package io.github.authkitservlet.internal.authn;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WorkOS session ids this server has seen end (logout), each until the last access token of
 * that session it could still meet would have expired.
 *
 * <p>Why: a session cookie is a bearer credential that any copy of carries. Deleting it in the
 * browser that signed out leaves copies (another tab's old cookie, one rotated a moment ago, one
 * taken from the wire) valid until their access token expires, and, if WorkOS was not told in
 * time, refreshable for ever. Checking the session id against this list closes every path: a
 * cached session, a recent rotation, a fresh refresh.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} ids (about 100 bytes each). Past the cap, expired ones
 * are dropped, then the ones that would expire soonest, down to nine tenths of the cap so the sort is
 * paid rarely. Lookups take no lock and cost nothing while the list is empty.
 */
final class RevokedSessions {

  static final int MAX_ENTRIES = 100_000;

  private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();
  private final Clock clock;

  RevokedSessions(Clock clock) {
    this.clock = clock;
  }

  /** Refuses {@code sessionId} until {@code refusedUntil} (a later time than one known extends it). */
  void revoke(String sessionId, Instant refusedUntil) {
    if (!clock.instant().isBefore(refusedUntil)) {
      return;
    }
    until.merge(sessionId, refusedUntil, (known, later) -> later.isAfter(known) ? later : known);
    if (until.size() > MAX_ENTRIES) {
      makeRoom();
    }
  }

  /** Whether {@code sessionId} is refused now. */
  boolean isRevoked(String sessionId) {
    if (until.isEmpty() || sessionId == null) {
      return false;
    }
    Instant refusedUntil = until.get(sessionId);
    if (refusedUntil == null) {
      return false;
    }
    if (!clock.instant().isBefore(refusedUntil)) {
      until.remove(sessionId, refusedUntil);
      return false;
    }
    return true;
  }

  /** How many ids are held now (for tests and monitoring). */
  int size() {
    return until.size();
  }

  private synchronized void makeRoom() {
    if (until.size() <= MAX_ENTRIES) {
      return; // another thread made room meanwhile
    }
    Instant now = clock.instant();
    until.values().removeIf(refusedUntil -> !now.isBefore(refusedUntil));
    int excess = until.size() - (MAX_ENTRIES - MAX_ENTRIES / 10);
    if (excess > 0) {
      until.entrySet().stream()
          .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
          .limit(excess)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(until::remove);
    }
  }
}
