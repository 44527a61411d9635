package io.github.authkitservlet.internal.cache;

import io.github.authkitservlet.internal.session.Digests;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What was worked out about a credential (a verified session, a verified token, an API key's
 * validation), kept until a moment of its own, so that the same credential next time costs a
 * SHA-256 and a map lookup.
 *
 * <p><b>Keys.</b> The SHA-256 of the credential, never the credential itself: a lookup costs one
 * hash (about a microsecond for 2 KB) and the map holds nothing a heap dump could replay as a key.
 * A changed credential is simply a different key.
 *
 * <p><b>Validity.</b> Each entry is served until its own {@code validUntil} (exclusive), by the
 * given clock, and dropped when found expired.
 *
 * <p><b>Memory.</b> At most {@code maxEntries} entries (plus, briefly, one per thread inserting
 * at that instant). When full, expired entries go first, then a random eighth: an evicted entry
 * only costs its credential's next use the uncached path. Thread-safe; lookups take no lock.
 *
 * <p>Internal API: public only because several packages of this library share it.
 *
 * @param <V> what is kept per credential
 */
public final class DigestCache<V> {

  /** The 256-bit digest of a credential, as a map key with cheap equals and hashCode. */
  private record Key(long a, long b, long c, long d) {}

  private record Entry<V>(V value, Instant validUntil) {}

  private final ConcurrentHashMap<Key, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;

  /**
   * @param clock judges validity (the caller's clock, so tests can move it)
   * @param maxEntries the bound; 0 disables the cache
   */
  public DigestCache(Clock clock, int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEntries = maxEntries;
  }

  /** What is kept for exactly this credential, while it is still valid. */
  public Optional<V> find(String credential) {
    if (maxEntries == 0 || entries.isEmpty()) {
      return Optional.empty();
    }
    Key key = keyOf(credential);
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.validUntil())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** Keeps {@code value} for this credential until {@code validUntil} (exclusive). */
  public void remember(String credential, V value, Instant validUntil) {
    if (maxEntries == 0 || !clock.instant().isBefore(validUntil)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom();
      if (entries.size() >= maxEntries) {
        return; // another thread filled it again meanwhile: not caching costs one slow path later
      }
    }
    entries.put(keyOf(credential), new Entry<>(value, validUntil));
  }

  /** Drops what is kept for this credential. */
  public void forget(String credential) {
    if (maxEntries > 0) {
      entries.remove(keyOf(credential));
    }
  }

  /** How many entries are held now (for tests and monitoring). */
  public int size() {
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
    Iterator<Map.Entry<Key, Entry<V>>> rest = entries.entrySet().iterator();
    while (entries.size() > target && rest.hasNext()) {
      rest.next();
      rest.remove();
    }
  }

  private static Key keyOf(String credential) {
    ByteBuffer bytes = ByteBuffer.wrap(Digests.sha256(credential));
    return new Key(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
  }
}
