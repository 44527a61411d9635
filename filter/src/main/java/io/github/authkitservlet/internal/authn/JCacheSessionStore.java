package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * The session store of several servers, on any JCache (JSR-107) provider: Hazelcast embedded in
 * each server, Payara's data grid, Infinispan, Redisson...
 *
 * <p><b>Ended sessions.</b> Each server keeps its own view ({@link MemorySessionStore}), which is
 * all the per-request path reads. A sign-out or revocation on any server is written to the cache
 * {@code <prefix>revoked-sessions} (session id to end time) and to the short-lived
 * {@code <prefix>revocation-feed}, which every server reads four times a second
 * ({@link RevocationFeed}): within moments every view has it. A server that starts late, or that
 * lost the grid for a while, reads the whole revocation cache once.
 *
 * <p><b>Refreshes.</b> Refresh tokens are single-use: two servers refreshing one session race,
 * and the loser signs the user out. So one thread per server asks the grid (local single-flight
 * first), and one server per refresh token does the grant: it claims the token's digest in the
 * cache {@code <prefix>refreshes} ({@code putIfAbsent}), refreshes, and writes the outcome there:
 * the new session cookie, sealed with the cookie password (never tokens in plain text), or
 * WorkOS's refusal. The others wait briefly for that outcome and use it; the entries live 60
 * seconds, so a request that set off with the old cookie just before gets the new session too. A
 * claim whose server vanished is taken over once the wait limit has passed.
 *
 * <p><b>Failures.</b> A grid that is down, slow or split is skipped ({@link SharedCaches}): the
 * server then works alone, as with the memory store, and signs nobody out because of it.
 */
final class JCacheSessionStore implements SessionStore {

  private static final Logger LOG = Logger.getLogger(JCacheSessionStore.class.getName());
  private static final String CLAIMED = "P:";
  private static final String REFRESHED = "D:";
  private static final String REFUSED = "R:";
  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

  private final MemorySessionStore local;
  private final SharedCaches grid;
  private final Duration waitLimit;
  private final String server = UUID.randomUUID().toString();
  private final Clock clock;
  private final ScheduledExecutorService reader;
  /** When this server last read the revocations (0: never). */
  private volatile long lastReadMillis;

  JCacheSessionStore(Clock clock, Duration refreshWaitLimit, SharedCaches.Source source, ClassLoader classLoader) {
    this.local = new MemorySessionStore(clock, refreshWaitLimit);
    this.waitLimit = refreshWaitLimit;
    this.clock = clock;
    this.grid = new SharedCaches(source, classLoader, this::loadAll);
    this.reader = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "authkit-revocation-reader");
      thread.setDaemon(true);
      return thread;
    });
    long interval = RevocationFeed.READ_INTERVAL.toMillis();
    reader.scheduleWithFixedDelay(this::readRevocations, 0, interval, TimeUnit.MILLISECONDS);
  }

  /** Whether the grid is in use now (for tests and start-up checks). */
  SharedCaches grid() {
    return grid;
  }

  @Override
  public void revoke(String sessionId, Instant until) {
    local.revoke(sessionId, until);
    grid.call("revoke a session", caches -> {
      caches.revocations().put(sessionId, until.toEpochMilli());
      RevocationFeed.append(caches.revocationFeed(), sessionId, until.toEpochMilli(), clock.millis());
      return Boolean.TRUE;
    });
  }

  @Override
  public boolean isRevoked(String sessionId) {
    return local.isRevoked(sessionId);
  }

  @Override
  public RefreshResult refresh(String refreshToken, Supplier<RefreshResult> grant,
      Function<String, Optional<RefreshedSession>> adopt) {
    return local.refresh(refreshToken, () -> coordinated(RefreshCoordinator.digest(refreshToken), grant, adopt), adopt);
  }

  /** The grid's part of a refresh: reached by one thread per server and refresh token. */
  private RefreshResult coordinated(String key, Supplier<RefreshResult> grant,
      Function<String, Optional<RefreshedSession>> adopt) {
    long deadline = System.nanoTime() + waitLimit.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      Optional<Optional<String>> read = grid.call("read a refresh",
          caches -> Optional.ofNullable(caches.refreshes().get(key)));
      if (read.isEmpty()) {
        return grant.get(); // the grid is not there: this server alone
      }
      String seen = read.get().orElse(null);
      if (seen == null) {
        String claim = CLAIMED + server + ":" + System.currentTimeMillis();
        Optional<Boolean> claimed = grid.call("claim a refresh", caches -> caches.refreshes().putIfAbsent(key, claim));
        if (claimed.isEmpty()) {
          return grant.get();
        }
        if (claimed.get()) {
          return lead(key, claim, grant);
        }
        continue; // another server claimed it a moment ago
      }
      if (seen.startsWith(REFRESHED)) {
        Optional<RefreshedSession> adopted = adopt.apply(seen.substring(REFRESHED.length()));
        if (adopted.isPresent()) {
          return new RefreshResult.Refreshed(adopted.get());
        }
        // Sealed with a password this server does not have: the servers are configured differently.
        LOG.log(Level.SEVERE, "a session another server refreshed cannot be read here: every server sharing the"
            + " session store needs the same workos.cookie-password");
        return new RefreshResult.Failed(Failure.of(FailureReason.INTERNAL_ERROR));
      }
      if (seen.startsWith(REFUSED)) {
        return new RefreshResult.Failed(new Failure(FailureReason.REFUSED, seen.substring(REFUSED.length()),
            Failure.DEFAULT_RETRY_AFTER));
      }
      if (!seen.startsWith(CLAIMED) || isAbandoned(seen)) {
        // A claim whose server has had longer than any grant may take (it stopped), or junk.
        String claim = CLAIMED + server + ":" + System.currentTimeMillis();
        Optional<Boolean> taken = grid.call("take over a refresh", caches -> caches.refreshes().replace(key, seen, claim));
        if (taken.isEmpty()) {
          return grant.get();
        }
        if (taken.get()) {
          return lead(key, claim, grant);
        }
        continue;
      }
      if (System.nanoTime() >= deadline) {
        return new RefreshResult.Failed(Failure.of(FailureReason.REFRESH_IN_PROGRESS, Duration.ofSeconds(2)));
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new RefreshResult.Failed(Failure.of(FailureReason.REFRESH_IN_PROGRESS, Duration.ofSeconds(2)));
      }
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }

  /** This server does the grant and tells the others what came of it. */
  private RefreshResult lead(String key, String claim, Supplier<RefreshResult> grant) {
    RefreshResult result = null;
    try {
      result = grant.get();
      return result;
    } finally {
      RefreshResult outcome = result;
      grid.call("publish a refresh", caches -> publish(caches.refreshes(), key, claim, outcome));
    }
  }

  private static Boolean publish(Cache<String, String> refreshes, String key, String claim, RefreshResult outcome) {
    if (outcome instanceof RefreshResult.Refreshed refreshed) {
      refreshes.put(key, REFRESHED + refreshed.session().sealedCookie());
    } else if (outcome instanceof RefreshResult.Failed failed && failed.failure().isTerminal()) {
      refreshes.put(key, REFUSED + failed.failure().code());
    } else {
      // Nothing spent (WorkOS did not answer, or we failed): free the token for whoever tries next.
      refreshes.remove(key, claim);
    }
    return Boolean.TRUE;
  }

  private boolean isAbandoned(String claim) {
    int at = claim.lastIndexOf(':');
    try {
      long since = Long.parseLong(claim.substring(at + 1));
      return System.currentTimeMillis() - since > waitLimit.toMillis();
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return true;
    }
  }

  /**
   * Brings revocations made on other servers into this server's view: the last seconds of the feed,
   * or the whole revocation cache after a start or a gap longer than the feed's window.
   */
  private void readRevocations() {
    long now = clock.millis();
    boolean catchUp = now - lastReadMillis > RevocationFeed.WINDOW.toMillis() - RevocationFeed.READ_INTERVAL.toMillis();
    Optional<Map<String, Long>> read = grid.call(catchUp ? "read the revocations" : "read the revocation feed",
        caches -> catchUp ? everything(caches.revocations()) : RevocationFeed.recent(caches.revocationFeed(), now));
    read.ifPresent(revocations -> absorb(revocations, now));
  }

  /** On connecting: everything the grid holds, before this server relies on the grid. */
  private void loadAll(SharedCaches.Caches caches) {
    long now = clock.millis();
    absorb(everything(caches.revocations()), now);
  }

  /** Adds revocations read from the grid at {@code readAtMillis} to this server's view. */
  private void absorb(Map<String, Long> revocations, long readAtMillis) {
    revocations.forEach((sessionId, untilMillis) -> local.revoke(sessionId, Instant.ofEpochMilli(untilMillis)));
    lastReadMillis = readAtMillis;
  }

  private static Map<String, Long> everything(Cache<String, Long> revocations) {
    Map<String, Long> all = new HashMap<>();
    for (Cache.Entry<String, Long> entry : revocations) {
      if (entry.getKey() != null && entry.getValue() != null) {
        all.put(entry.getKey(), entry.getValue());
      }
    }
    return all;
  }

  @Override
  public void close() {
    reader.shutdownNow();
    grid.close();
  }
}
