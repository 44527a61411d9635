package io.github.authkitservlet.internal.authn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The session store of a single server: ended sessions and refreshes coordinated in this JVM's
 * memory. Also the local half of every shared store: a distributed store keeps its view of ended
 * sessions here, and coordinates here first, so that only one thread per server ever asks the
 * shared engine.
 */
final class MemorySessionStore implements SessionStore {

  private final RevokedSessions revoked;
  private final RefreshCoordinator refreshes;

  MemorySessionStore(Clock clock, Duration refreshWaitLimit) {
    this.revoked = new RevokedSessions(clock);
    this.refreshes = new RefreshCoordinator(clock, refreshWaitLimit);
  }

  @Override
  public void revoke(String sessionId, Instant until) {
    revoked.revoke(sessionId, until);
  }

  @Override
  public boolean isRevoked(String sessionId) {
    return revoked.isRevoked(sessionId);
  }

  @Override
  public RefreshResult refresh(String refreshToken, Supplier<RefreshResult> grant,
      Function<String, Optional<RefreshedSession>> adopt) {
    return refreshes.refresh(refreshToken, grant);
  }

  @Override
  public void close() {
    // Nothing held outside the heap.
  }
}
