package io.github.authkitservlet.authn;

import io.github.authkitservlet.session.SessionData;
import io.github.authkitservlet.token.AccessTokenClaims;
import java.util.Objects;

/**
 * A session whose access token was verified: what was sealed in the cookie plus the token's claims.
 *
 * <p>Internal API of authkit-servlet.
 */
public record ResolvedSession(SessionData data, AccessTokenClaims claims) {
  public ResolvedSession {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(claims, "claims");
  }
}
