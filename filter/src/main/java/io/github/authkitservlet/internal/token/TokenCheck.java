package io.github.authkitservlet.internal.token;

/**
 * The answer of {@link AccessTokenVerifier#verify(String)}. Internal API of authkit-servlet.
 *
 * <p>Expiry is deliberately not part of this answer: an expired but genuine token still tells us
 * whose session it is, which the refresh needs; the caller compares {@link
 * AccessTokenClaims#expiresAt()} with its own clock.
 */
public sealed interface TokenCheck {

  /** The signature is valid and the claims we need are there. */
  record Verified(AccessTokenClaims claims) implements TokenCheck {}

  /** Not a token we accept (malformed, wrong algorithm, unknown key, bad signature). */
  record Invalid(String reason) implements TokenCheck {}

  /** The signing keys could not be fetched and none were cached: nobody's fault, try later. */
  record KeysUnavailable(String reason) implements TokenCheck {}
}
