package io.github.authkitservlet.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nimbus's RS256 key selector, except that each key of the JWKS is converted to a Java key and
 * wrapped in an {@link RSASSAVerifier} once, not on every token.
 *
 * <p>Nimbus's own {@link JWSVerificationKeySelector} converts the matching JWKs to new Java keys on
 * every call (a {@code KeyFactory} and the base64 decoding of the modulus), and its
 * {@link DefaultJWSVerifierFactory} builds a new verifier around each. Here the keys still come
 * from the same {@link JWKSource} on every call, so its caching, rate-limited refetch and outage
 * tolerance behave exactly as before; only the conversion is remembered, per key id, and tied to
 * the very {@link JWK} instance the source returned. The source hands out the same instances until
 * it fetches the JWKS again, so a refetched JWKS (a rotation, or new material under an old key id)
 * is converted afresh on first use.
 *
 * <p>Sharing is safe: {@link RSASSAVerifier} is annotated {@code @ThreadSafe} in nimbus-jose-jwt
 * 10.10; its state is the immutable public key and a critical-header policy that only reads after
 * construction, and {@code verify} takes a new {@code java.security.Signature} per call. We never
 * change its {@code JCAContext} after construction. {@link RSAPublicKey} instances are immutable.
 */
final class ReusedRs256Verifiers extends JWSVerificationKeySelector<SecurityContext> {

  /** A WorkOS JWKS has one or two keys; this only stops a misbehaving JWKS from growing the map. */
  private static final int MAX_KEYS = 64;

  /** One converted key: the JWK it came from (by identity), its Java key and its verifier. */
  private record Prepared(JWK source, RSAPublicKey key, RSASSAVerifier verifier) {}

  private final Map<String, Prepared> byKeyId = new ConcurrentHashMap<>();
  private final JWSVerifierFactory verifierFactory = new ReusingFactory();

  ReusedRs256Verifiers(JWKSource<SecurityContext> keys) {
    super(JWSAlgorithm.RS256, keys);
  }

  /** The factory to give the JWT processor: it answers our keys with their prepared verifiers. */
  JWSVerifierFactory verifierFactory() {
    return verifierFactory;
  }

  /** What {@link JWSVerificationKeySelector#selectJWSKeys} does, with the conversion remembered. */
  @Override
  public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
    if (!isAllowed(header.getAlgorithm())) {
      return List.of();
    }
    JWKMatcher matcher = createJWKMatcher(header);
    if (matcher == null) {
      return List.of();
    }
    List<JWK> matching = getJWKSource().get(new JWKSelector(matcher), context);
    List<Key> keys = new ArrayList<>(matching.size());
    for (JWK jwk : matching) {
      if (jwk instanceof RSAKey rsa) {
        Prepared prepared = prepare(rsa);
        if (prepared != null) {
          keys.add(prepared.key());
        }
      }
    }
    return keys;
  }

  /** The prepared key for this JWK instance; null when it is not a usable RSA public key (Nimbus skips those too). */
  private Prepared prepare(RSAKey jwk) {
    String keyId = jwk.getKeyID() == null ? "" : jwk.getKeyID();
    Prepared known = byKeyId.get(keyId);
    if (known != null && known.source() == jwk) {
      return known;
    }
    RSAPublicKey key;
    try {
      key = jwk.toRSAPublicKey();
    } catch (JOSEException e) {
      return null;
    }
    Prepared fresh = new Prepared(jwk, key, new RSASSAVerifier(key));
    if (byKeyId.size() >= MAX_KEYS) {
      byKeyId.clear();
    }
    // Two threads meeting a new JWK both convert it; the last one stays, either is correct.
    byKeyId.put(keyId, fresh);
    return fresh;
  }

  /** Hands out the prepared verifier of a key this selector returned; anything else as Nimbus would. */
  private final class ReusingFactory extends DefaultJWSVerifierFactory {
    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
      if (JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
        for (Prepared prepared : byKeyId.values()) {
          if (prepared.key() == key) {
            return prepared.verifier();
          }
        }
      }
      return super.createJWSVerifier(header, key);
    }
  }
}
