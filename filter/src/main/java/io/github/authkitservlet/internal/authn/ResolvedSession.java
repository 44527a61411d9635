package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
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
