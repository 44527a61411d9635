package io.github.authkitservlet.authn;

import io.github.authkitservlet.session.SessionCookieCodec;
import io.github.authkitservlet.session.SessionData;
import io.github.authkitservlet.token.AccessTokenClaims;
import io.github.authkitservlet.token.AccessTokenVerifier;
import io.github.authkitservlet.token.TokenCheck;
import io.github.authkitservlet.workos.GrantResult;
import io.github.authkitservlet.workos.WorkOsClient;
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
 * {@link VerifiedSessionCache} (keyed by a digest of the cookie, valid until the token's expiry
 * minus the refresh buffer) answers repeated cookies before {@link #resolve}, so a browser's
 * steady-state requests cost a hash and a map lookup instead of an unseal and an RS256 check.
 */
public final class SessionAuthenticator {

  private static final Logger LOG = Logger.getLogger(SessionAuthenticator.class.getName());
  private static final Duration KEYS_RETRY_AFTER = Duration.ofSeconds(5);

  private final SessionCookieCodec codec;
  private final AccessTokenVerifier verifier;
  private final WorkOsClient workos;
  private final Clock clock;
  private final Duration refreshBuffer;
  private final Duration clockLeeway;
  private final RefreshCoordinator refreshes;
  private final VerifiedSessionCache verified;

  /**
   * @param refreshBuffer refresh when the access token expires within this long
   * @param clockLeeway tolerated clock skew when deciding a token is still usable
   * @param refreshWaitLimit how long a request waits for a refresh another request started
   * @param sessionCacheEntries at most this many verified sessions are kept (0: no cache, every
   *     request unseals and verifies); see {@link VerifiedSessionCache} for the memory each costs
   */
  public SessionAuthenticator(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock, Duration refreshBuffer, Duration clockLeeway, Duration refreshWaitLimit, int sessionCacheEntries) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.workos = Objects.requireNonNull(workos, "workos");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshBuffer = Objects.requireNonNull(refreshBuffer, "refreshBuffer");
    this.clockLeeway = Objects.requireNonNull(clockLeeway, "clockLeeway");
    this.refreshes = new RefreshCoordinator(clock, refreshWaitLimit);
    this.verified = new VerifiedSessionCache(clock, sessionCacheEntries);
  }

  /** What the session cookie value (null when absent) amounts to. Never throws for bad input. */
  public AuthOutcome authenticate(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return new AuthOutcome.Anonymous(false);
    }
    Optional<ResolvedSession> known = verified.find(cookieValue);
    if (known.isPresent()) {
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

  /** Stops serving this cookie from the cache (logout); the next request with it is verified again. */
  public void forget(String cookieValue) {
    if (cookieValue != null && !cookieValue.isEmpty()) {
      verified.forget(cookieValue);
    }
  }

  /** The session id in a cookie, when the cookie unseals; used by logout (no verification). */
  public Optional<SessionData> unsealOnly(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return Optional.empty();
    }
    return codec.unseal(cookieValue);
  }

  /** Seals a session for the cookie (the current password). */
  public String seal(SessionData session) {
    return codec.seal(session);
  }

  /** Verifies a freshly issued session (after the code exchange). */
  public TokenCheck verify(SessionData session) {
    return verifier.verify(session.accessToken());
  }

  AuthOutcome resolve(SessionData session) {
    TokenCheck check = verifier.verify(session.accessToken());
    if (check instanceof TokenCheck.Verified verified) {
      if (!needsRefresh(verified.claims())) {
        return new AuthOutcome.Authenticated(new ResolvedSession(session, verified.claims()), Optional.empty());
      }
      return refreshing(session, verified.claims());
    }
    if (check instanceof TokenCheck.KeysUnavailable) {
      // We cannot check any token now, and a refreshed one would not be checkable either.
      return new AuthOutcome.Unavailable(KEYS_RETRY_AFTER);
    }
    // An access token we cannot accept (e.g. signed by a key WorkOS no longer publishes): the
    // refresh token alone decides whether this session lives on.
    return refreshing(session, null);
  }

  private boolean needsRefresh(AccessTokenClaims claims) {
    return !clock.instant().plus(refreshBuffer).isBefore(claims.expiresAt());
  }

  /** @param current the current token's claims if its signature is good, else null */
  private AuthOutcome refreshing(SessionData session, AccessTokenClaims current) {
    RefreshResult result = refreshes.refresh(session.refreshToken(), () -> grant(session));
    if (result instanceof RefreshResult.Refreshed refreshed) {
      return new AuthOutcome.Authenticated(
          refreshed.session().session(), Optional.of(refreshed.session().sealedCookie()));
    }
    if (result instanceof RefreshResult.Refused) {
      return new AuthOutcome.Anonymous(true);
    }
    RefreshResult.Postponed postponed = (RefreshResult.Postponed) result;
    Instant now = clock.instant();
    if (current != null && !current.isExpiredAt(now, clockLeeway)) {
      // WorkOS is having a moment but the token is still good: serve, refresh next time.
      return new AuthOutcome.Authenticated(new ResolvedSession(session, current), Optional.empty());
    }
    return new AuthOutcome.Unavailable(postponed.retryAfter());
  }

  private RefreshResult grant(SessionData session) {
    GrantResult answer = workos.refresh(session.refreshToken(), session.organizationId());
    if (answer instanceof GrantResult.Terminal terminal) {
      LOG.log(Level.FINE, "session refresh refused by WorkOS ({0}); signing the user out", terminal.reason());
      return new RefreshResult.Refused(terminal.reason());
    }
    if (answer instanceof GrantResult.Transient transientFailure) {
      return new RefreshResult.Postponed(transientFailure.reason(), transientFailure.retryAfter());
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
    LOG.log(Level.SEVERE, "a token WorkOS just issued could not be verified ({0}); check the JWKS at {1}",
        new Object[] {describe(check), "the configured WorkOS API base URL"});
    return new RefreshResult.Postponed("token_unverifiable", KEYS_RETRY_AFTER);
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
