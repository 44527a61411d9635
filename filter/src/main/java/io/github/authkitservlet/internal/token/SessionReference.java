package io.github.authkitservlet.internal.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Which WorkOS session an access token belongs to, and until when the token is valid, read
 * WITHOUT verifying it.
 *
 * <p>Only for signing out: the token comes out of a cookie we sealed (HMAC-checked), and what is
 * read here only ends a session (locally and at WorkOS), never grants anything. Verifying would be
 * wrong: an expired token, the usual case for a user coming back after a while, would make sign-out
 * skip WorkOS and leave the WorkOS session alive.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param sessionId the {@code sid} claim
 * @param expiresAt the {@code exp} claim
 */
public record SessionReference(String sessionId, Instant expiresAt) {

  /** The session of {@code accessToken}, or empty when it is not a JWT with a {@code sid} and {@code exp}. */
  public static Optional<SessionReference> of(String accessToken) {
    try {
      JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet();
      Object sid = claims.getClaim("sid");
      Date expiry = claims.getExpirationTime();
      if (sid instanceof String text && !text.isBlank() && expiry != null) {
        return Optional.of(new SessionReference(text, expiry.toInstant()));
      }
      return Optional.empty();
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
