package io.github.authkitservlet.internal.authn;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the servers of one application must agree on about sessions: which have ended, and which
 * refresh token was just spent for what. With one server it is memory ({@code
 * workos.session-store=memory}); with several, an existing distributed engine through JCache
 * ({@code jcache}: Hazelcast, Payara's data grid, any JSR-107 provider).
 *
 * <p>The per-request path only asks {@link #isRevoked}, which is always answered from this
 * server's own view; the shared engine is consulted on refresh, sign-out and revocation only. A
 * store never throws: when the engine fails, it falls back to this server alone and says so once.
 *
 * <p>Internal API of authkit-servlet.
 */
public interface SessionStore extends AutoCloseable {

  /** Refuses {@code sessionId} until {@code until}, here and on every server sharing the store. */
  void revoke(String sessionId, Instant until);

  /** Whether {@code sessionId} is refused now: a local lookup, no network. */
  boolean isRevoked(String sessionId);

  /**
   * The result of refreshing {@code refreshToken}: a rotation one of the servers just did, a grant
   * in flight on one of them, or {@code grant} run here, once.
   *
   * @param adopt turns the sealed session cookie another server's refresh produced into a session
   *     (unsealed and verified here); empty when it cannot be read
   */
  RefreshResult refresh(String refreshToken, Supplier<RefreshResult> grant,
      Function<String, Optional<RefreshedSession>> adopt);

  /** Releases what the store holds (connections, listeners); never throws. */
  @Override
  void close();
}
