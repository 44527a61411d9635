package io.github.authkitservlet.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Verifies WorkOS access tokens: RS256 signatures against the client's JWKS.
 *
 * <p>Internal API of authkit-servlet. One instance per configuration, shared by every request; it
 * is thread-safe. Keys come from Nimbus's {@link JWKSourceBuilder}: cached (so a request does not
 * fetch keys), re-fetched when a token names an unknown key id (after a signing-key rotation) but
 * at most once per rate-limit interval (so forged key ids cannot make us hammer WorkOS), and kept
 * through a JWKS outage (outage tolerant) so a WorkOS blip does not sign anybody out. Each key is
 * turned into a Java key and a signature verifier once, not per token (the JWT processor itself is
 * thread-safe once configured, and so are the shared verifiers).
 */
public final class AccessTokenVerifier {

  /** How long fetched keys are trusted before they are fetched again. */
  static final Duration KEY_CACHE_TTL = Duration.ofMinutes(15);
  /** At most one fetch per this interval, however many unknown key ids we see. */
  static final Duration KEY_REFETCH_MIN_INTERVAL = Duration.ofSeconds(30);
  /** Cached keys stay usable this long while the JWKS endpoint is down. */
  static final Duration KEY_OUTAGE_TOLERANCE = Duration.ofHours(4);
  private static final int JWKS_SIZE_LIMIT = 256 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor;

  /**
   * @param jwksUri e.g. {@code https://api.workos.com/sso/jwks/client_123}
   * @param connectTimeout for fetching keys
   * @param readTimeout for fetching keys
   */
  public AccessTokenVerifier(URI jwksUri, Duration connectTimeout, Duration readTimeout) {
    JWKSource<SecurityContext> keys;
    try {
      var retriever =
          new DefaultResourceRetriever(
              (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), JWKS_SIZE_LIMIT);
      keys =
          JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(), retriever)
              .cache(KEY_CACHE_TTL.toMillis(), connectTimeout.plus(readTimeout).toMillis())
              .rateLimited(KEY_REFETCH_MIN_INTERVAL.toMillis())
              .outageTolerant(KEY_OUTAGE_TOLERANCE.toMillis())
              .retrying(false)
              .refreshAheadCache(false)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a usable JWKS URL: " + jwksUri, e);
    }
    this.processor = new DefaultJWTProcessor<>();
    // RS256 only: the algorithm comes from us, never from the token's header. The selector is
    // Nimbus's JWSVerificationKeySelector, except that each key is converted and wrapped in a
    // verifier once per key id instead of on every token (see ReusedRs256Verifiers for why
    // sharing the verifier across threads is safe).
    ReusedRs256Verifiers verifiers = new ReusedRs256Verifiers(keys);
    processor.setJWSKeySelector(verifiers);
    processor.setJWSVerifierFactory(verifiers.verifierFactory());
    // Expiry is judged by the caller with its own clock and leeway (see TokenCheck); the claims
    // we cannot work without are checked in toClaims.
    processor.setJWTClaimsSetVerifier((claims, context) -> { });
  }

  /** Checks the token's signature and reads its claims. Never throws for bad input. */
  public TokenCheck verify(String accessToken) {
    if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 16 * 1024) {
      return new TokenCheck.Invalid("missing or oversized token");
    }
    try {
      return toClaims(processor.process(accessToken, null));
    } catch (KeySourceException e) {
      return new TokenCheck.KeysUnavailable("signing keys unavailable");
    } catch (ParseException e) {
      return new TokenCheck.Invalid("malformed token");
    } catch (BadJOSEException e) {
      return new TokenCheck.Invalid("signature not accepted");
    } catch (JOSEException | RuntimeException e) {
      return new TokenCheck.Invalid("token not verifiable (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static TokenCheck toClaims(JWTClaimsSet claims) {
    try {
      String subject = claims.getSubject();
      String sessionId = claims.getStringClaim("sid");
      Date expiry = claims.getExpirationTime();
      if (subject == null || sessionId == null || expiry == null) {
        return new TokenCheck.Invalid("token lacks sub, sid or exp");
      }
      String role = claims.getStringClaim("role");
      List<String> roles = strings(claims, "roles");
      if (roles.isEmpty() && role != null) {
        roles = List.of(role);
      }
      return new TokenCheck.Verified(
          new AccessTokenClaims(
              subject,
              sessionId,
              claims.getStringClaim("org_id"),
              role,
              roles,
              strings(claims, "permissions"),
              strings(claims, "entitlements"),
              strings(claims, "feature_flags"),
              actorEmail(claims),
              expiry.toInstant()));
    } catch (ParseException e) {
      return new TokenCheck.Invalid("token claims have unexpected types");
    }
  }

  private static List<String> strings(JWTClaimsSet claims, String name) throws ParseException {
    Object value = claims.getClaim(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ParseException(name + " is not a list", 0);
    }
    List<String> result = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw new ParseException(name + " holds a non-string", 0);
      }
      result.add(text);
    }
    return result;
  }

  private static String actorEmail(JWTClaimsSet claims) throws ParseException {
    Map<String, Object> act = claims.getJSONObjectClaim("act");
    if (act == null) {
      return null;
    }
    return act.get("sub") instanceof String sub ? sub : null;
  }
}
