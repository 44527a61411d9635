package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: one emulator per class, reset before each test, shared with @Nested classes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthKitEmulatorExtensionIT {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension(
      b -> b.accessTokenLifetime(Duration.ofSeconds(42)));

  private static int outerPort;

  @BeforeAll
  static void rememberThePort() {
    outerPort = WORKOS.emulator().port();
  }

  @Test
  @Order(1)
  void resolvesTheRunningEmulator(AuthKitEmulator emulator) throws Exception {
    assertSame(WORKOS.emulator(), emulator);
    assertEquals("http://localhost:" + emulator.port(), emulator.baseUrl());
    assertEquals("client_emulate", emulator.clientId());
    assertEquals("sk_test_default", emulator.apiKey());
    new EmulatorHttp(emulator).get("/sso/jwks/client_emulate");
    emulator.advanceClock(Duration.ofHours(1));
    emulator.addErrorHook("GET", "/health", 500, null, 0, Duration.ZERO);
    assertEquals(1, emulator.counter("jwks"));
  }

  @Test
  @Order(2)
  void eachTestStartsFromTheSeed(AuthKitEmulator emulator) throws Exception {
    assertEquals(0, emulator.counter("jwks"));
    assertEquals(200, new EmulatorHttp(emulator).get("/health").statusCode(), "hooks were cleared");
    PkceFlow flow = new PkceFlow();
    var body = EmulatorHttp.json(new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, "ada@example.com"))));
    var claims = com.nimbusds.jwt.SignedJWT.parse(body.getString("access_token")).getJWTClaimsSet();
    long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
    assertEquals(42, lifetime, "the builder configuration applies");
    long skew = Math.abs(claims.getIssueTime().getTime() - System.currentTimeMillis());
    assertEquals(true, skew < 60_000, "the clock was reset (skew " + skew + " ms)");
  }

  @Nested
  class FirstNestedClass {

    @Test
    void sharesTheOuterEmulator(AuthKitEmulator emulator) throws Exception {
      assertEquals(outerPort, emulator.port());
      assertEquals(200, new EmulatorHttp(emulator).get("/health").statusCode());
    }
  }

  @Nested
  class SecondNestedClass {

    @Test
    void stillSharesTheOuterEmulator(AuthKitEmulator emulator) throws Exception {
      // Had the first nested class stopped it, this would be a new emulator on another port.
      assertEquals(outerPort, emulator.port());
      assertEquals(200, new EmulatorHttp(emulator).get("/health").statusCode());
    }
  }
}
