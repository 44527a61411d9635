package io.github.authkitservlet.internal.bearer;

import io.github.authkitservlet.internal.cache.DigestCache;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.TokenCheck;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * WorkOS access tokens presented as {@code Authorization: Bearer}: the same checks as the session
 * cookie's token (RS256 against the client's JWKS, issuer and client, {@code sub}, {@code sid},
 * {@code exp}), plus expiry with the clock leeway and the sessions this server ended. Never
 * refreshed: an expired token is refused, and the client gets a new one where it got this one.
 *
 * <p>A verified token is remembered under its SHA-256 until its expiry plus the leeway, so a
 * client repeating it costs a hash and a map lookup; the session is checked against the ended
 * sessions on every use, so a sign-out takes effect at once.
 */
final class AccessTokenBearers {

  private static final BearerOutcome REFUSED = new BearerOutcome.Refused();

  private final AccessTokenVerifier verifier;
  private final Predicate<String> revokedSession;
  private final Clock clock;
  private final Duration leeway;
  private final DigestCache<BearerOutcome.Token> verified;

  /**
   * @param revokedSession whether this server refuses a session id (ended by a sign-out here)
   * @param cacheEntries at most this many verified tokens are remembered (0: none)
   */
  AccessTokenBearers(AccessTokenVerifier verifier, Predicate<String> revokedSession, Clock clock, Duration leeway,
      int cacheEntries) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.revokedSession = Objects.requireNonNull(revokedSession, "revokedSession");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leeway = Objects.requireNonNull(leeway, "leeway");
    this.verified = new DigestCache<>(clock, cacheEntries);
  }

  /** What this token amounts to. Never throws for bad input. */
  BearerOutcome authenticate(String token) {
    Optional<BearerOutcome.Token> known = verified.find(token);
    if (known.isPresent()) {
      if (revokedSession.test(known.get().claims().sessionId())) {
        verified.forget(token);
        return REFUSED;
      }
      return known.get();
    }
    TokenCheck check = verifier.verify(token);
    if (check instanceof TokenCheck.KeysUnavailable) {
      return new BearerOutcome.Unavailable(Failure.of(FailureReason.KEYS_UNAVAILABLE));
    }
    if (!(check instanceof TokenCheck.Verified good)) {
      return REFUSED;
    }
    AccessTokenClaims claims = good.claims();
    if (claims.isExpiredAt(clock.instant(), leeway) || revokedSession.test(claims.sessionId())) {
      return REFUSED;
    }
    BearerOutcome.Token outcome = new BearerOutcome.Token(claims);
    verified.remember(token, outcome, claims.expiresAt().plus(leeway));
    return outcome;
  }
}
