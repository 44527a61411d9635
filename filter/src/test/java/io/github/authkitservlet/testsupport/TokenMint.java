package io.github.authkitservlet.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * The emulator's signing key, made by the test: the emulator starts with it (so it publishes it in
 * its JWKS and signs with it) and the test can sign access tokens WorkOS would never issue, such as
 * one for another client, with a good signature.
 */
public final class TokenMint {

  private final RSAKey key;
  private final Path pem;
  private final Clock clock;

  private TokenMint(RSAKey key, Path pem, Clock clock) {
    this.key = key;
    this.pem = pem;
    this.clock = clock;
  }

  /** @param clock the application's clock, which judges the tokens' expiry */
  public static TokenMint generate(Clock clock) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).generate();
      Path pem = Files.createTempFile("authkit-it-signing-key", ".pem");
      pem.toFile().deleteOnExit();
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(key.toPrivateKey().getEncoded());
      Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
      return new TokenMint(key, pem, clock);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make an RSA key", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PEM file to start the emulator with. */
  public Path pem() {
    return pem;
  }

  /**
   * A token signed with the emulator's key under {@code keyId} (the kid the emulator publishes),
   * with a subject, a session id and an expiry five minutes ahead, plus whatever {@code claims} sets.
   */
  public String sign(String keyId, UnaryOperator<JWTClaimsSet.Builder> claims) {
    JWTClaimsSet set = claims.apply(new JWTClaimsSet.Builder()
        .subject("user_forged")
        .claim("sid", "session_forged")
        .expirationTime(Date.from(clock.instant().plusSeconds(300)))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), set);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign", e);
    }
    return jwt.serialize();
  }
}
