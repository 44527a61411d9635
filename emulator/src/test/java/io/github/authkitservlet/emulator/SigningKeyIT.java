package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PEM signing key keeps kid and signatures valid across emulator restarts. */
class SigningKeyIT {

  @TempDir
  Path dir;

  private Path pem(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
        generator.generateKeyPair().getPrivate().getEncoded());
    Path file = dir.resolve("key-" + bits + ".pem");
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    return file;
  }

  private static String signIn(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    var response = new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, "ada@example.com")));
    assertEquals(200, response.statusCode(), response.body());
    return EmulatorHttp.json(response).getString("access_token");
  }

  private static RSAKey publishedKey(AuthKitEmulator emulator) throws Exception {
    var jwks = new EmulatorHttp(emulator).get("/sso/jwks/" + emulator.clientId());
    return (RSAKey) JWKSet.parse(jwks.body()).getKeys().get(0);
  }

  @Test
  void tokensFromBeforeARestartVerifyAfterIt() throws Exception {
    Path key = pem(2048);
    String token;
    String kid;
    try (AuthKitEmulator first = AuthKitEmulator.builder().signingKey(key).start()) {
      token = signIn(first);
      kid = publishedKey(first).getKeyID();
    }
    try (AuthKitEmulator second = AuthKitEmulator.builder().signingKey(key).start()) {
      RSAKey published = publishedKey(second);
      assertEquals(kid, published.getKeyID());
      SignedJWT jwt = SignedJWT.parse(token);
      assertEquals(kid, jwt.getHeader().getKeyID());
      assertTrue(jwt.verify(new RSASSAVerifier(published)));
    }
  }

  @Test
  void unusableKeysAreRefusedClearly() throws Exception {
    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "hello");
    UncheckedIOException garbage = assertThrows(UncheckedIOException.class,
        () -> AuthKitEmulator.builder().signingKey(notPem).start());
    assertTrue(garbage.getMessage().contains("does not hold an unencrypted RSA private key"), garbage.getMessage());

    Path small = pem(1024);
    UncheckedIOException weak = assertThrows(UncheckedIOException.class,
        () -> AuthKitEmulator.builder().signingKey(small).start());
    assertTrue(weak.getMessage().contains("at least 2048 bits"), weak.getMessage());
  }
}
