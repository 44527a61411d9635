package io.github.authkitservlet.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier against a real JWKS endpoint (a JDK HTTP server on a random loopback port), with
 * the keys converted once and reused: repeated, concurrent and forged tokens, several keys, and a
 * key that appears in the JWKS later.
 */
class AccessTokenVerifierTest {

  private static final String CLIENT_ID = "client_123";
  private static final String ISSUER = "https://api.workos.com/user_management/" + CLIENT_ID;
  private static final String CUSTOM_DOMAIN = "https://auth.example.com";

  private static RSAKey keyA;
  private static RSAKey keyB;
  private static RSAKey keyC;
  private static RSAKey stranger;

  private final AtomicReference<JWKSet> served = new AtomicReference<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer server;
  private AccessTokenVerifier verifier;

  @BeforeAll
  static void makeKeys() throws JOSEException {
    keyA = new RSAKeyGenerator(2048).keyID("key_a").generate();
    keyB = new RSAKeyGenerator(2048).keyID("key_b").generate();
    keyC = new RSAKeyGenerator(2048).keyID("key_c").generate();
    // Not in any JWKS; signs tokens that claim the key id of a known key.
    stranger = new RSAKeyGenerator(2048).keyID("key_a").generate();
  }

  @BeforeEach
  void startJwks() throws IOException {
    served.set(new JWKSet(List.of(keyA.toPublicJWK(), keyB.toPublicJWK())));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/sso/jwks/client_123", exchange -> {
      fetches.incrementAndGet();
      byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    URI jwks = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sso/jwks/client_123");
    verifier = new AccessTokenVerifier(jwks, Duration.ofSeconds(2), Duration.ofSeconds(2),
        new IssuerCheck(Set.of(ISSUER, CUSTOM_DOMAIN), CLIENT_ID));
  }

  @AfterEach
  void stopJwks() {
    server.stop(0);
  }

  private static String token(RSAKey signer, String keyId, String subject) throws JOSEException {
    return token(signer, keyId, subject, b -> b.issuer(ISSUER));
  }

  private static String token(RSAKey signer, String keyId, String subject, UnaryOperator<JWTClaimsSet.Builder> more)
      throws JOSEException {
    JWTClaimsSet claims = more.apply(new JWTClaimsSet.Builder())
        .subject(subject)
        .claim("sid", "session_" + subject)
        .claim("role", "member")
        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  private static AccessTokenClaims verified(TokenCheck check) {
    return assertInstanceOf(TokenCheck.Verified.class, check, String.valueOf(check)).claims();
  }

  @Test
  void verifiesRepeatedTokensWithOneFetch() throws Exception {
    String token = token(keyA, "key_a", "user_1");
    for (int i = 0; i < 5; i++) {
      AccessTokenClaims claims = verified(verifier.verify(token));
      assertEquals("user_1", claims.userId());
      assertEquals("session_user_1", claims.sessionId());
      assertEquals(List.of("member"), claims.roles());
    }
    assertEquals(1, fetches.get());
  }

  @Test
  void eachKeyIdGetsItsOwnKey() throws Exception {
    assertEquals("user_a", verified(verifier.verify(token(keyA, "key_a", "user_a"))).userId());
    assertEquals("user_b", verified(verifier.verify(token(keyB, "key_b", "user_b"))).userId());
    assertEquals("user_a", verified(verifier.verify(token(keyA, "key_a", "user_a"))).userId());
    // Signed by A but naming B: B's (cached) verifier must not accept it.
    assertInstanceOf(TokenCheck.Invalid.class, verifier.verify(token(keyA, "key_b", "user_x")));
  }

  @Test
  void aForgedSignatureUnderAKnownKeyIdIsRejectedOnceTheKeyIsCached() throws Exception {
    verified(verifier.verify(token(keyA, "key_a", "user_1")));
    TokenCheck forged = verifier.verify(token(stranger, "key_a", "user_1"));
    assertEquals(new TokenCheck.Invalid("signature not accepted"), forged);
    verified(verifier.verify(token(keyA, "key_a", "user_1")));
  }

  @Test
  void aKeyAddedToTheJwksLaterIsFetchedAndUsed() throws Exception {
    verified(verifier.verify(token(keyA, "key_a", "user_1")));
    served.set(new JWKSet(List.of(keyA.toPublicJWK(), keyC.toPublicJWK())));
    assertEquals("user_c", verified(verifier.verify(token(keyC, "key_c", "user_c"))).userId());
    assertEquals(2, fetches.get(), "one refetch for the unknown key id");
    // The refetched JWKS brought a new instance of key_a: it is converted afresh and still works.
    assertEquals("user_1", verified(verifier.verify(token(keyA, "key_a", "user_1"))).userId());
    assertEquals(2, fetches.get());
  }

  @Test
  void concurrentRequestsShareTheVerifiersSafely() throws Exception {
    String good = token(keyA, "key_a", "user_1");
    String goodB = token(keyB, "key_b", "user_2");
    String forged = token(stranger, "key_a", "user_1");
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(threads.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 150; i++) {
            wrong += verifier.verify(good) instanceof TokenCheck.Verified ? 0 : 1;
            wrong += verifier.verify(goodB) instanceof TokenCheck.Verified ? 0 : 1;
            wrong += verifier.verify(forged) instanceof TokenCheck.Invalid ? 0 : 1;
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : results) {
        assertEquals(0, result.get(), "wrong answers on one thread");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void onlyTokensIssuedForThisClientAreAccepted() throws Exception {
    assertEquals("user_1", verified(verifier.verify(token(keyA, "key_a", "user_1", b -> b.issuer(CUSTOM_DOMAIN)))).userId());
    assertEquals("user_1", verified(verifier.verify(
        token(keyA, "key_a", "user_1", b -> b.issuer(ISSUER).claim("client_id", CLIENT_ID)))).userId());

    assertEquals(new TokenCheck.Invalid("issuer not accepted"), verifier.verify(
        token(keyA, "key_a", "user_1", b -> b.issuer("https://api.workos.com/user_management/client_other"))));
    assertEquals(new TokenCheck.Invalid("issuer not accepted"), verifier.verify(
        token(keyA, "key_a", "user_1", b -> b.issuer(ISSUER + "/"))));
    assertEquals(new TokenCheck.Invalid("token has no issuer"), verifier.verify(token(keyA, "key_a", "user_1", b -> b)));
    assertEquals(new TokenCheck.Invalid("token issued to another client"), verifier.verify(
        token(keyA, "key_a", "user_1", b -> b.issuer(ISSUER).claim("client_id", "client_other"))));
  }

  @Test
  void aRefusedIssuerIsReportedOnceWithTheSettingToChange() throws Exception {
    List<String> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    Logger logger = Logger.getLogger(AccessTokenVerifier.class.getName());
    logger.addHandler(handler);
    try {
      String foreign = token(keyA, "key_a", "user_1", b -> b.issuer("https://login.acme.test"));
      for (int i = 0; i < 3; i++) {
        assertInstanceOf(TokenCheck.Invalid.class, verifier.verify(foreign));
      }
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(1, warnings.size(), warnings.toString());
    String warning = warnings.get(0);
    assertTrue(warning.contains("'https://login.acme.test'") && warning.contains("workos.token-issuer"), warning);
  }
}
