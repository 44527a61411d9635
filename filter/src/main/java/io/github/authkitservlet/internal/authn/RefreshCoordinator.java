package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.session.Digests;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure a refresh token is spent once, however many requests need it at the same moment.
 *
 * <p>Why: WorkOS refresh tokens are single-use and rotate. When a page fires ten XHRs with an
 * expired session, ten refresh grants would mean one winner and nine {@code invalid_grant}s that
 * sign the user out (the bug reported against authkit-nextjs, authkit-remix and workos-node). Here
 * the first request does the grant on its own thread and the others wait for its result
 * (single-flight, keyed by a digest of the refresh token); afterwards {@link RecentRotations}
 * answers stragglers that still carry the old cookie.
 *
 * <p>This is per JVM. Two servers sharing a cookie can still each refresh the same token if a
 * browser hits both within the same instant; sticky sessions or the short cache here make that
 * rare, and the loser is simply asked to sign in again.
 */
final class RefreshCoordinator {

  private static final Logger LOG = Logger.getLogger(RefreshCoordinator.class.getName());
  /** A request that waited in vain comes back sooner than after a WorkOS failure: the grant is under way. */
  private static final Duration WAITED_RETRY_AFTER = Duration.ofSeconds(2);

  private final ConcurrentHashMap<String, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();
  private final RecentRotations recent;
  private final Duration waitLimit;

  /**
   * @param waitLimit how long a waiting request waits for the grant in flight (a little more than
   *     the HTTP timeouts of that grant)
   */
  RefreshCoordinator(Clock clock, Duration waitLimit) {
    this.recent = new RecentRotations(clock);
    this.waitLimit = waitLimit;
  }

  /**
   * Returns the result of refreshing {@code refreshToken}: from the recent-rotations cache, from
   * a grant already in flight, or by running {@code grant} on this thread.
   */
  RefreshResult refresh(String refreshToken, Supplier<RefreshResult> grant) {
    String key = digest(refreshToken);
    Optional<RefreshedSession> known = recent.find(key);
    if (known.isPresent()) {
      return new RefreshResult.Refreshed(known.get());
    }
    CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
    CompletableFuture<RefreshResult> theirs = inFlight.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(theirs);
    }
    RefreshResult result;
    try {
      // The previous leader may have finished between our cache check and putIfAbsent.
      known = recent.find(key);
      if (known.isPresent()) {
        result = new RefreshResult.Refreshed(known.get());
      } else {
        result = grant.get();
        if (result instanceof RefreshResult.Refreshed refreshed) {
          // Remember before leaving the in-flight map, so no request can see neither.
          recent.remember(key, refreshed.session());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session refresh failed unexpectedly ({0}); keeping the session",
          e.getClass().getName());
      result = new RefreshResult.Failed(Failure.of(FailureReason.INTERNAL_ERROR));
    } finally {
      inFlight.remove(key, mine);
    }
    mine.complete(result);
    return result;
  }

  /** How many rotations are remembered now (for tests and monitoring). */
  int rememberedRotations() {
    return recent.size();
  }

  private RefreshResult await(CompletableFuture<RefreshResult> inFlightGrant) {
    try {
      return inFlightGrant.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new RefreshResult.Failed(Failure.of(FailureReason.REFRESH_IN_PROGRESS, WAITED_RETRY_AFTER));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RefreshResult.Failed(Failure.of(FailureReason.REFRESH_IN_PROGRESS, WAITED_RETRY_AFTER));
    } catch (ExecutionException e) {
      return new RefreshResult.Failed(Failure.of(FailureReason.INTERNAL_ERROR));
    }
  }

  /** The map keys: a digest, so no refresh token sits in memory longer than its request. */
  static String digest(String refreshToken) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(refreshToken));
  }
}
