package io.github.authkitservlet.emulator.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The RSA keys that sign access tokens. The newest key signs; after a rotation the previous
 * keys stay published in the JWKS for {@link #RETIRED_KEY_LIFETIME} of emulator time, so tokens
 * they signed still verify, as with WorkOS. Each published key carries a real self-signed X.509
 * certificate ({@code x5c}) and its SHA-256 thumbprint ({@code x5t#S256}).
 */
public final class SigningKeys {

  /** How long a rotated-out key stays in the JWKS (tokens live 5 minutes by default). */
  public static final Duration RETIRED_KEY_LIFETIME = Duration.ofHours(1);

  private record Entry(RSAKey key, Instant retiredAt) { }

  private final Clock clock;
  private final RSAKey initial;
  private final List<Entry> entries = new ArrayList<>();

  private SigningKeys(Clock clock, RSAKey initial) {
    this.clock = clock;
    this.initial = initial;
    entries.add(new Entry(initial, null));
  }

  /** Fresh keys with a newly generated 2048-bit key. */
  public static SigningKeys generate(Clock clock) {
    return new SigningKeys(clock, toJwk(newKeyPair(), clock.instant()));
  }

  /** Keys whose first key is read from a PEM file (PKCS#8 or PKCS#1), stable across restarts. */
  public static SigningKeys fromPem(Path pem, Clock clock) throws IOException {
    try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII)) {
      return new SigningKeys(clock, toJwk(readKeyPair(reader, pem), clock.instant()));
    }
  }

  /** The key that signs new tokens. */
  public synchronized RSAKey current() {
    return entries.get(entries.size() - 1).key;
  }

  /** A new key starts signing; the old ones stay published for a while. */
  public synchronized void rotate() {
    Instant now = clock.instant();
    List<Entry> updated = new ArrayList<>();
    for (Entry e : entries) {
      updated.add(e.retiredAt == null ? new Entry(e.key, now) : e);
    }
    updated.add(new Entry(toJwk(newKeyPair(), now), null));
    entries.clear();
    entries.addAll(updated);
  }

  /** Back to the first key (the generated or PEM one), as at start. */
  public synchronized void reset() {
    entries.clear();
    entries.add(new Entry(initial, null));
  }

  /** The public JWKS: current key plus recently retired ones. */
  public synchronized JWKSet publicJwks() {
    Instant now = clock.instant();
    List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
    // Newest first, as clients try keys by kid anyway.
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.retiredAt == null || now.isBefore(e.retiredAt.plus(RETIRED_KEY_LIFETIME))) {
        published.add(e.key.toPublicJWK());
      }
    }
    return new JWKSet(published);
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is missing from this JVM", e);
    }
  }

  private static KeyPair readKeyPair(Reader reader, Path source) throws IOException {
    Object parsed;
    try (PEMParser parser = new PEMParser(reader)) {
      parsed = parser.readObject();
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    PrivateKey privateKey;
    if (parsed instanceof PEMKeyPair pair) {
      privateKey = converter.getKeyPair(pair).getPrivate();
    } else if (parsed instanceof PrivateKeyInfo info) {
      privateKey = converter.getPrivateKey(info);
    } else {
      throw new IOException(source + " does not hold an unencrypted RSA private key "
          + "(BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }
    if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
      throw new IOException(source + " holds a " + privateKey.getAlgorithm() + " key; an RSA key is required");
    }
    if (rsa.getModulus().bitLength() < 2048) {
      throw new IOException(source + " holds a " + rsa.getModulus().bitLength()
          + "-bit RSA key; at least 2048 bits are required");
    }
    try {
      RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      return new KeyPair(publicKey, rsa);
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IOException("cannot derive the public key from " + source, e);
    }
  }

  private static RSAKey toJwk(KeyPair pair, Instant now) {
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    try {
      X509Certificate cert = selfSigned(pair, now);
      byte[] der = cert.getEncoded();
      RSAKey thumbprintSource = new RSAKey.Builder(publicKey).build();
      // The kid is derived from the key, so a PEM key keeps its kid across restarts.
      String kid = "sso_oidc_key_pair_" + thumbprintSource.computeThumbprint().toString().substring(0, 26);
      return new RSAKey.Builder(publicKey)
          .privateKey(pair.getPrivate())
          .keyID(kid)
          .algorithm(JWSAlgorithm.RS256)
          .keyUse(KeyUse.SIGNATURE)
          .x509CertChain(List.of(Base64.encode(der)))
          .x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)))
          .build();
    } catch (JOSEException | CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot build the signing key", e);
    }
  }

  private static X509Certificate selfSigned(KeyPair pair, Instant now) {
    X500Name subject = new X500Name("CN=WorkOS emulator signing key (not the real WorkOS)");
    try {
      X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new java.security.SecureRandom()).abs().add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
          subject, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot create the self-signed certificate", e);
    }
  }
}
