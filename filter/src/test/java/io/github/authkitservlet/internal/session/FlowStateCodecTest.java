package io.github.authkitservlet.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.authkitservlet.testsupport.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowStateCodecTest {

  private static final String CURRENT = "current-cookie-password-0123456789abcdef";
  private static final String PREVIOUS = "previous-cookie-password-0123456789abcde";
  private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final FlowStateCodec codec = new FlowStateCodec(List.of(CURRENT), clock);
  private final FlowState flow = new FlowState("state-abc", "verifier-xyz", "/reports?year=2026", START);

  @Test
  void roundTrips() {
    assertEquals(Optional.of(flow), codec.unseal(codec.seal(flow)));
  }

  @Test
  void sealCarriesATenMinuteExpiration() {
    String[] parts = codec.seal(flow).split("\\*", -1);
    assertEquals(Long.toString(START.plusSeconds(600).toEpochMilli()), parts[5]);
  }

  @Test
  void isValidForTenMinutesExactly() {
    String sealed = codec.seal(flow);
    clock.advance(Duration.ofSeconds(599));
    assertEquals(Optional.of(flow), codec.unseal(sealed));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), codec.unseal(sealed), "iron's 60 s skew does not extend a flow");
  }

  @Test
  void rejectsAFlowCreatedFarInTheFuture() {
    String sealed = codec.seal(new FlowState("s", "v", "/", START.plusSeconds(300)));
    assertEquals(Optional.empty(), codec.unseal(sealed));
    String slightlyAhead = codec.seal(new FlowState("s", "v", "/", START.plusSeconds(30)));
    assertEquals("s", codec.unseal(slightlyAhead).orElseThrow().state(), "another node's clock may run ahead a little");
  }

  @Test
  void readsFlowsSealedWithThePreviousPassword() {
    String sealed = new FlowStateCodec(List.of(PREVIOUS), clock).seal(flow);
    assertEquals(Optional.of(flow), new FlowStateCodec(List.of(CURRENT, PREVIOUS), clock).unseal(sealed));
    assertEquals(Optional.empty(), codec.unseal(sealed));
  }

  @Test
  void aSessionCookieIsNotAFlow() {
    String session = new SessionCookieCodec(List.of(CURRENT), clock).seal(new SessionData("a", "r", null, null, null, null));
    assertEquals(Optional.empty(), codec.unseal(session));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "x", "{}", "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\"}",
      "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":\"now\"}",
      "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":1.5}",
      "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":1e400}",
      "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":99999999999999999999999999}",
      "{\"state\":1,\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":1793527200000}",
      "{\"state\":\"\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":1793527200000}",
      "{\"state\":\"s\",\"returnPath\":\"/\",\"createdAt\":1793527200000}",
      "{\"state\":\"s\",\"codeVerifier\":\"v\",\"createdAt\":1793527200000}",
  })
  void treatsMalformedPayloadsAsNoFlow(String json) {
    String sealed = new IronSeal(clock, new SecureRandom()).seal(json, "1", CURRENT, Duration.ofSeconds(600));
    assertEquals(Optional.empty(), codec.unseal(sealed));
  }

  @Test
  void theMalformedTableWouldPassWithAValidCreatedAt() {
    // Guards the table above: the same payload shape with every field right is accepted.
    String json = "{\"state\":\"s\",\"codeVerifier\":\"v\",\"returnPath\":\"/\",\"createdAt\":" + START.toEpochMilli() + "}";
    String sealed = new IronSeal(clock, new SecureRandom()).seal(json, "1", CURRENT, Duration.ofSeconds(600));
    assertEquals(Optional.of(new FlowState("s", "v", "/", START)), codec.unseal(sealed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "Fe26.2*1*a*b*c*d*e*f"})
  void treatsGarbageAsNoFlow(String value) {
    assertEquals(Optional.empty(), codec.unseal(value));
  }

  @Test
  void treatsNullTamperedAndHugeValuesAsNoFlow() {
    assertEquals(Optional.empty(), codec.unseal(null));
    String sealed = codec.seal(flow);
    assertEquals(Optional.empty(), codec.unseal("B" + sealed.substring(1)));
    assertEquals(Optional.empty(), codec.unseal(sealed.replace("*1*", "*2*")));
    assertEquals(Optional.empty(), codec.unseal(sealed + "A".repeat(10_000)));
  }

  @Test
  void toStringHidesTheVerifier() {
    assertFalse(flow.toString().contains("verifier-xyz"));
    assertFalse(Map.of("k", flow).toString().contains("verifier-xyz"));
  }
}
