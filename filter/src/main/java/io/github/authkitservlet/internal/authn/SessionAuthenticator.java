package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.cache.DigestCache;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.session.SessionUser;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.SessionReference;
import io.github.authkitservlet.internal.token.TokenCheck;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import io.github.authkitservlet.internal.workos.GrantResult;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a session cookie into a signed-in user: unseal, verify the access token, refresh it when
 * it has expired or is about to.
 *
 * <p>Internal API of authkit-servlet. One instance per configuration, shared by every filter and
 * servlet using it (the single-flight refresh only works if they share it). Thread-safe.
 *
 * <p>The steps are kept apart ({@link #authenticate} → {@link #resolve} → {@link #refreshing}); a
 * {@link DigestCache} of verified sessions answers repeated cookies before {@link #resolve}, so a
 * browser's steady-state requests cost a hash and a map lookup instead of an unseal and an RS256
 * check. An entry is served until its access token's expiry minus the refresh buffer, the moment
 * the uncached path would start refreshing, so a cookie is never accepted longer than its own
 * token would be; a refreshed cookie is a different key, and sign-out forgets the cookie at once.
 * An entry is the unsealed session and its claims, about 3 to 5 KB, so the default 10000 entries
 * of {@code workos.session-cache-size} stay below about 50 MB.
 *
 * <p>Sessions ended by {@link #endSession} are refused on every path (a cached session, a recent
 * rotation, the result of a refresh) for as long as any of their access tokens could be accepted.
 */
public final class SessionAuthenticator {

  private static final Logger LOG = Logger.getLogger(SessionAuthenticator.class.getName());
  /**
   * How long a session revoked by WorkOS stays refused when its tokens are not at hand: longer than
   * any access token WorkOS issues by default (5 minutes); after that WorkOS refuses its refresh.
   */
  static final Duration REVOKED_TOKENS_LIFETIME = Duration.ofHours(1);

  private final SessionCookieCodec codec;
  private final AccessTokenVerifier verifier;
  private final WorkOsClient workos;
  private final Clock clock;
  private final Duration refreshBuffer;
  private final Duration clockLeeway;
  private final Duration cookieLifetime;
  private final SessionStore store;
  private final DigestCache<ResolvedSession> verified;

  /**
   * @param store where ended sessions and refreshes are shared with the application's other
   *     servers ({@link SessionStores})
   */
  public SessionAuthenticator(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock, SessionPolicy policy, SessionStore store) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.workos = Objects.requireNonNull(workos, "workos");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshBuffer = policy.refreshBuffer();
    this.clockLeeway = policy.clockLeeway();
    this.cookieLifetime = policy.cookieLifetime();
    this.store = Objects.requireNonNull(store, "store");
    this.verified = new DigestCache<>(clock, policy.cacheEntries());
  }

  /** What the session cookie value (null when absent) amounts to. Never throws for bad input. */
  public AuthOutcome authenticate(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return new AuthOutcome.Anonymous(false);
    }
    Optional<ResolvedSession> known = verified.find(cookieValue);
    if (known.isPresent()) {
      if (store.isRevoked(known.get().claims().sessionId())) {
        verified.forget(cookieValue);
        return new AuthOutcome.Anonymous(true);
      }
      return new AuthOutcome.Authenticated(known.get(), Optional.empty());
    }
    Optional<SessionData> session = codec.unseal(cookieValue);
    if (session.isEmpty()) {
      // Tampered, foreign, sealed with a retired password, or simply garbage: no session.
      return new AuthOutcome.Anonymous(true);
    }
    AuthOutcome outcome = resolve(session.get());
    if (outcome instanceof AuthOutcome.Authenticated authenticated) {
      // Cached until the moment resolve() would start refreshing it. A session served while a
      // refresh is postponed is already past that moment, so remember() ignores it.
      ResolvedSession resolved = authenticated.session();
      verified.remember(authenticated.newCookieValue().orElse(cookieValue), resolved,
          resolved.claims().expiresAt().minus(refreshBuffer));
    }
    return outcome;
  }

  /**
   * Signs the session in this cookie out (logout): the cookie leaves the cache, its WorkOS session
   * id is refused from now on whatever copy of the cookie (or rotation of it) comes back, and WorkOS
   * is asked to revoke the session. Returns the session that ended (its id, for WorkOS's logout
   * page, and its user's); empty when the cookie holds no readable session.
   *
   * <p>How long the id is refused: while any of its access tokens could be accepted, when WorkOS
   * confirmed the revocation (after that, WorkOS refuses to refresh it); as long as the cookie could
   * live when it did not (WorkOS unreachable), since the cookie's refresh token may still work.
   */
  public Optional<EndedSession> endSession(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return Optional.empty();
    }
    verified.forget(cookieValue);
    Optional<SessionData> data = codec.unseal(cookieValue);
    Optional<SessionReference> session = data.flatMap(d -> SessionReference.of(d.accessToken()));
    if (session.isEmpty()) {
      return Optional.empty();
    }
    String sessionId = session.get().sessionId();
    store.revoke(sessionId, refusedUntil(session.get().expiresAt()));
    if (!workos.revokeSession(sessionId)) {
      store.revoke(sessionId, clock.instant().plus(cookieLifetime));
    }
    SessionUser user = data.get().user();
    return Optional.of(new EndedSession(sessionId, user == null ? null : user.id()));
  }

  /**
   * A session that sign-out ended.
   *
   * @param sessionId WorkOS's id of the session
   * @param userId its user's id, null when the cookie names none
   */
  public record EndedSession(String sessionId, String userId) {}

  /**
   * Refuses the session with this id from now on, on every server sharing the store (WorkOS told
   * us it was revoked): long enough for any access token WorkOS issued for it to expire.
   */
  public void revoke(String sessionId) {
    store.revoke(sessionId, clock.instant().plus(REVOKED_TOKENS_LIFETIME));
  }

  /**
   * Moves the session in this cookie to another organization (an organization switch): a refresh
   * grant with {@code organizationId}, through the same single-flight refresh as every other, so a
   * request that meets the old cookie meanwhile gets the switched session. Answers
   * {@code Authenticated} with the new cookie; {@code Anonymous(true)} when the cookie holds no
   * session, or an ended one; {@code Anonymous(false, failure)} when WorkOS refused the switch
   * (whether the refresh token is spent then WorkOS does not document, so the cookie is the caller's
   * to keep: if it no longer refreshes, its next refresh signs the user out);
   * {@code Unavailable} when WorkOS could not be asked.
   */
  public AuthOutcome refreshInto(String cookieValue, String organizationId) {
    Optional<SessionData> unsealed = cookieValue == null ? Optional.empty() : codec.unseal(cookieValue);
    if (unsealed.isEmpty()) {
      return new AuthOutcome.Anonymous(true);
    }
    SessionData session = unsealed.get();
    // Twice at most: a refresh of the same token already under way (or just done) answers first,
    // in the old organization, and its new token is the one to switch with.
    for (int attempt = 0; attempt < 2; attempt++) {
      SessionData from = session;
      RefreshResult result = store.refresh(from.refreshToken(), () -> grant(from, organizationId), this::adopt);
      if (result instanceof RefreshResult.Failed failed) {
        Failure failure = failed.failure();
        return failure.isTerminal() ? new AuthOutcome.Anonymous(false, failure) : new AuthOutcome.Unavailable(failure);
      }
      RefreshedSession refreshed = ((RefreshResult.Refreshed) result).session();
      AccessTokenClaims fresh = refreshed.session().claims();
      if (store.isRevoked(fresh.sessionId())) {
        return new AuthOutcome.Anonymous(true);
      }
      if (organizationId.equals(fresh.organizationId())) {
        verified.remember(refreshed.sealedCookie(), refreshed.session(), fresh.expiresAt().minus(refreshBuffer));
        return new AuthOutcome.Authenticated(refreshed.session(), Optional.of(refreshed.sealedCookie()));
      }
      session = refreshed.session().data();
    }
    return new AuthOutcome.Unavailable(Failure.of(FailureReason.REFRESH_IN_PROGRESS));
  }

  /**
   * Whether this server refuses the session with this id (ended by a sign-out here, or revoked).
   * A local lookup: no network, nothing else.
   */
  public boolean isRevoked(String sessionId) {
    return store.isRevoked(sessionId);
  }

  /** Seals a session for the cookie (the current password). */
  public String seal(SessionData session) {
    return codec.seal(session);
  }

  AuthOutcome resolve(SessionData session) {
    TokenCheck check = verifier.verify(session.accessToken());
    if (check instanceof TokenCheck.Verified verified) {
      if (store.isRevoked(verified.claims().sessionId())) {
        return new AuthOutcome.Anonymous(true);
      }
      if (!needsRefresh(verified.claims())) {
        return new AuthOutcome.Authenticated(new ResolvedSession(session, verified.claims()), Optional.empty());
      }
      return refreshing(session, verified.claims());
    }
    if (check instanceof TokenCheck.KeysUnavailable) {
      // We cannot check any token now, and a refreshed one would not be checkable either.
      return new AuthOutcome.Unavailable(Failure.of(FailureReason.KEYS_UNAVAILABLE));
    }
    // An access token we cannot accept (e.g. signed by a key WorkOS no longer publishes): the
    // refresh token alone decides whether this session lives on.
    return refreshing(session, null);
  }

  /** A token is accepted up to its expiry plus the clock leeway (while WorkOS cannot refresh it). */
  private Instant refusedUntil(Instant tokenExpiry) {
    return tokenExpiry.plus(clockLeeway);
  }

  private boolean needsRefresh(AccessTokenClaims claims) {
    return !clock.instant().plus(refreshBuffer).isBefore(claims.expiresAt());
  }

  /** @param current the current token's claims if its signature is good, else null */
  private AuthOutcome refreshing(SessionData session, AccessTokenClaims current) {
    RefreshResult result = store.refresh(session.refreshToken(), () -> grant(session, session.organizationId()),
        this::adopt);
    if (result instanceof RefreshResult.Refreshed refreshed) {
      AccessTokenClaims fresh = refreshed.session().session().claims();
      if (store.isRevoked(fresh.sessionId())) {
        // WorkOS still honours the session (its revocation failed or has not arrived): keep
        // refusing it for as long as this new token would be accepted.
        store.revoke(fresh.sessionId(), refusedUntil(fresh.expiresAt()));
        return new AuthOutcome.Anonymous(true);
      }
      return new AuthOutcome.Authenticated(
          refreshed.session().session(), Optional.of(refreshed.session().sealedCookie()));
    }
    Failure failure = ((RefreshResult.Failed) result).failure();
    boolean stillValid = current != null && !current.isExpiredAt(clock.instant(), clockLeeway);
    if (stillValid) {
      // WorkOS is having a moment, or refused a refresh token another server may just have spent
      // for this very session (it then holds the rotated cookie): the current token is still
      // good, so serve it and leave the cookie alone. Only an expired token with a refused refresh
      // signs the user out.
      return new AuthOutcome.Authenticated(new ResolvedSession(session, current), Optional.empty(), failure);
    }
    if (failure.isTerminal()) {
      return new AuthOutcome.Anonymous(true, failure);
    }
    return new AuthOutcome.Unavailable(failure);
  }

  /** A session another server's refresh sealed into a cookie, checked here as if it were ours. */
  private Optional<RefreshedSession> adopt(String sealedCookie) {
    return codec.unseal(sealedCookie).flatMap(data -> {
      TokenCheck check = verifier.verify(data.accessToken());
      return check instanceof TokenCheck.Verified verified
          ? Optional.of(new RefreshedSession(new ResolvedSession(data, verified.claims()), sealedCookie))
          : Optional.empty();
    });
  }

  private RefreshResult grant(SessionData session, String organizationId) {
    GrantResult answer = workos.refresh(session.refreshToken(), organizationId);
    if (answer instanceof GrantResult.Failed failed) {
      return new RefreshResult.Failed(failed.failure());
    }
    SessionData fresh = ((GrantResult.Success) answer).session();
    TokenCheck check = verifier.verify(fresh.accessToken());
    if (check instanceof TokenCheck.Verified verified) {
      return new RefreshResult.Refreshed(
          new RefreshedSession(new ResolvedSession(fresh, verified.claims()), codec.seal(fresh)));
    }
    // WorkOS just issued this token; if we cannot check it, our key set is stale or unreachable.
    // The old refresh token is spent, so keeping the old cookie would not help: but neither would
    // signing out. Report it loudly and ask the browser to come back.
    LOG.log(FailureReason.TOKEN_UNVERIFIABLE.logLevel(),
        "a token WorkOS just issued could not be verified ({0}); check the JWKS at {1}",
        new Object[] {describe(check), "the configured WorkOS API base URL"});
    return new RefreshResult.Failed(Failure.of(FailureReason.TOKEN_UNVERIFIABLE));
  }

  private static String describe(TokenCheck check) {
    if (check instanceof TokenCheck.Invalid invalid) {
      return invalid.reason();
    }
    if (check instanceof TokenCheck.KeysUnavailable unavailable) {
      return unavailable.reason();
    }
    return "verified";
  }
}
