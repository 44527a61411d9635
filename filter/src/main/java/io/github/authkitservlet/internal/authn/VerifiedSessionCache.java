package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.session.Digests;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sessions whose cookie was already unsealed and whose access token was already verified, so a
 * browser's next requests with the same cookie skip the unseal, the JSON and the RS256 check.
 *
 * <p><b>Keys.</b> The SHA-256 of the cookie value, never the value itself: the cache holds no
 * cookie a heap dump could replay, and a lookup costs one hash over the cookie (about a
 * microsecond for a 2 KB cookie). A changed cookie (refreshed, resealed, tampered) is simply a
 * different key.
 *
 * <p><b>Validity.</b> An entry is served until its access token's expiry minus the refresh
 * buffer, the moment the uncached path would start refreshing; after that the request takes the
 * uncached path (and refreshes). So a refreshed session is never served stale, and a cookie is
 * never accepted longer than its own token would be. Logout {@linkplain #forget forgets} the
 * cookie at once.
 *
 * <p><b>Memory.</b> At most {@code maxEntries} entries (plus, briefly, one per request thread
 * inserting at that instant). An entry holds one verified session: the two tokens, the user and
 * the token's claims, about 3 to 5 KB for a typical WorkOS session (it is the unsealed content of
 * a cookie that browsers cap at 4 KB, as Java strings, plus the claims); the default 10000
 * entries of {@code workos.session-cache-size} therefore stay below about 50 MB. When full, expired entries go
 * first, then a random eighth (an evicted session only costs its next request an unseal and a
 * signature check). Thread-safe; lookups take no lock.
 */
final class VerifiedSessionCache {

  /** The 256-bit digest of a cookie value, as a map key with cheap equals and hashCode. */
  private record Key(long a, long b, long c, long d) {}

  private record Entry(ResolvedSession session, Instant validUntil) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;

  /**
   * @param clock judges validity (the authenticator's clock, so tests can move it)
   * @param maxEntries the bound; 0 disables the cache
   */
  VerifiedSessionCache(Clock clock, int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0");
    }
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** The verified session for this exact cookie value, while it is still valid. */
  Optional<ResolvedSession> find(String cookieValue) {
    if (maxEntries == 0 || entries.isEmpty()) {
      return Optional.empty();
    }
    Key key = keyOf(cookieValue);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.validUntil())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.session());
  }

  /** Remembers a verified session for this cookie value until {@code validUntil} (exclusive). */
  void remember(String cookieValue, ResolvedSession session, Instant validUntil) {
    if (maxEntries == 0 || !clock.instant().isBefore(validUntil)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom();
      if (entries.size() >= maxEntries) {
        return; // another thread filled it again meanwhile: not caching costs one unseal later
      }
    }
    entries.put(keyOf(cookieValue), new Entry(session, validUntil));
  }

  /** Drops the entry of this cookie value (logout). */
  void forget(String cookieValue) {
    if (maxEntries > 0) {
      entries.remove(keyOf(cookieValue));
    }
  }

  /** How many entries are held now (for tests and monitoring). */
  int size() {
    return entries.size();
  }

  /** Removes expired entries, then random ones until an eighth of the room is free. */
  private synchronized void makeRoom() {
    if (entries.size() < maxEntries) {
      return;
    }
    Instant now = clock.instant();
    entries.values().removeIf(entry -> !now.isBefore(entry.validUntil()));
    int target = maxEntries - Math.max(1, maxEntries / 8);
    int size = entries.size();
    if (size > target) {
      // Random, not the first ones met: the map's iteration order is its bucket order, and always
      // evicting the same buckets would let entries in the others stay for good.
      double share = (double) (size - target) / size;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      entries.values().removeIf(entry -> random.nextDouble() < share);
    }
    Iterator<Map.Entry<Key, Entry>> rest = entries.entrySet().iterator();
    while (entries.size() > target && rest.hasNext()) {
      rest.next();
      rest.remove();
    }
  }

  private static Key keyOf(String cookieValue) {
    ByteBuffer bytes = ByteBuffer.wrap(Digests.sha256(cookieValue));
    return new Key(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
  }
}
