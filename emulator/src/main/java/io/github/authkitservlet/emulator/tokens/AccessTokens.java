package io.github.authkitservlet.emulator.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.authkitservlet.emulator.data.Ids;
import io.github.authkitservlet.emulator.data.Impersonator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Mints access tokens the way WorkOS does: RS256 with a header of only {@code alg} and
 * {@code kid} (no {@code typ}), and the AuthKit claims.
 */
public final class AccessTokens {

  private final SigningKeys keys;
  private final Clock clock;
  private final Duration lifetime;

  public AccessTokens(SigningKeys keys, Clock clock, Duration lifetime) {
    this.keys = keys;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** What goes into one token. {@code organizationId} may be null (no org, no role claims). */
  public record Subject(String issuer, String userId, String sessionId, String organizationId, List<String> roles,
      List<String> permissions, List<String> entitlements, List<String> featureFlags, Impersonator impersonator) { }

  public String mint(Subject s) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(s.issuer())
        .subject(s.userId())
        .claim("sid", s.sessionId())
        .jwtID(Ids.random("jti", now).substring(4))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)));
    if (s.organizationId() != null) {
      claims.claim("org_id", s.organizationId())
          .claim("role", s.roles().isEmpty() ? null : s.roles().get(0))
          .claim("roles", s.roles())
          .claim("permissions", s.permissions())
          .claim("entitlements", s.entitlements())
          .claim("feature_flags", s.featureFlags());
    }
    if (s.impersonator() != null) {
      // RFC 8693's actor claim; WorkOS documents only the impersonator's email in it (the reason
      // is in the authenticate response and the session, never in the token).
      claims.claim("act", Map.of("sub", s.impersonator().email()));
    }
    RSAKey key = keys.current();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the access token", e);
    }
    return jwt.serialize();
  }
}
