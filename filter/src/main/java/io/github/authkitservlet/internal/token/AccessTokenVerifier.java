package io.github.authkitservlet.internal.token;

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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies WorkOS access tokens: RS256 signatures against the client's JWKS.
 *
 * <p>Internal API of authkit-servlet. One instance per configuration, shared by every request; it
 * is thread-safe. Keys come from Nimbus's {@link JWKSourceBuilder}: cached (so a request does not
 * fetch keys), re-fetched when a token names an unknown key id (after a signing-key rotation) but
 * at most once per rate-limit interval (so forged key ids cannot make us hammer WorkOS), and kept
 * through a JWKS outage (outage tolerant) so a WorkOS blip does not sign anybody out. Each key is
 * turned into a Java key and a signature verifier once, not per token (the JWT processor itself is
 * thread-safe once configured, and so are the shared verifiers). A token with a good signature is
 * still refused when it was not issued for this client ({@link IssuerCheck}).
 */
public final class AccessTokenVerifier {

  /** How long fetched keys are trusted before they are fetched again. */
  static final Duration KEY_CACHE_TTL = Duration.ofMinutes(15);
  /** At most one fetch per this interval, however many unknown key ids we see. */
  static final Duration KEY_REFETCH_MIN_INTERVAL = Duration.ofSeconds(30);
  /** Cached keys stay usable this long while the JWKS endpoint is down. */
  static final Duration KEY_OUTAGE_TOLERANCE = Duration.ofHours(4);
  private static final int JWKS_SIZE_LIMIT = 256 * 1024;
  private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class.getName());
  /** Distinct refused issuers reported in the log; more would only repeat the same advice. */
  private static final int MAX_REPORTED_ISSUERS = 8;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final IssuerCheck issuerCheck;
  private final Set<String> reportedIssuers = ConcurrentHashMap.newKeySet();

  /**
   * @param jwksUri e.g. {@code https://api.workos.com/sso/jwks/client_123}
   * @param connectTimeout for fetching keys
   * @param readTimeout for fetching keys
   * @param issuerCheck which issuers and client the tokens must name
   */
  public AccessTokenVerifier(URI jwksUri, Duration connectTimeout, Duration readTimeout, IssuerCheck issuerCheck) {
    this.issuerCheck = Objects.requireNonNull(issuerCheck, "issuerCheck");
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

  private TokenCheck toClaims(JWTClaimsSet claims) {
    try {
      Optional<String> notForUs = issuerCheck.problem(claims);
      if (notForUs.isPresent()) {
        reportRefusedIssuer(claims.getIssuer());
        return new TokenCheck.Invalid(notForUs.get());
      }
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

  /**
   * Says once per issuer (the signature was good, so WorkOS issued it) which setting accepts it: a
   * custom authentication domain is the usual reason, and without this line every user would
   * simply be signed out with no hint why.
   */
  private void reportRefusedIssuer(String issuer) {
    if (issuer == null || reportedIssuers.size() >= MAX_REPORTED_ISSUERS || !reportedIssuers.add(issuer)) {
      return;
    }
    String shown = issuer.length() > 200 ? issuer.substring(0, 200) + "…" : issuer;
    LOG.log(Level.WARNING, "refused an access token signed by WorkOS for issuer ''{0}'' (accepted: {1});"
        + " if this is your WorkOS custom authentication domain, add it to workos.token-issuer (env WORKOS_TOKEN_ISSUER)",
        new Object[] {shown.replaceAll("\\p{Cntrl}", "?"), issuerCheck.issuers()});
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
