package io.github.authkitservlet.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.workos.session.Iron;
import io.github.authkitservlet.testsupport.MutableClock;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IronSealTest {

  private static final String PASSWORD = "a-test-password-that-is-long-enough-32";
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), java.time.ZoneOffset.UTC);

  private static TestVectors vectors;
  private final IronSeal iron = new IronSeal(NOW, new SecureRandom());

  @BeforeAll
  static void loadVectors() throws IOException {
    vectors = TestVectors.load();
  }

  @Test
  void unsealsTheNodeSdkVectorWithItsTildeTwoSuffix() throws Exception {
    String plaintext = iron.unseal(vectors.sealed("node-sdk-sealed-session"), vectors.passwords(), NOW);
    assertEquals(vectors.payload(), TestVectors.parse(plaintext));
  }

  @Test
  void unsealsTheNodeSdkVectorWithOnlyItsOwnPassword() throws Exception {
    String plaintext = iron.unseal(vectors.sealed("node-sdk-sealed-session"), Map.of("1", vectors.password("1")), NOW);
    assertEquals(vectors.payload(), TestVectors.parse(plaintext));
  }

  @Test
  void unsealsTheVectorSealedUnderPasswordIdTwo() throws Exception {
    String plaintext = iron.unseal(vectors.sealed("rotated-password-id-2"), vectors.passwords(), NOW);
    assertEquals(vectors.payload(), TestVectors.parse(plaintext));
  }

  @Test
  void findsThePasswordEvenWhenItIsRegisteredUnderAnotherId() throws Exception {
    // Our rotation settings carry no ids: "2" may be registered as "1" or "previous".
    Map<String, String> byOtherIds = new LinkedHashMap<>();
    byOtherIds.put("1", vectors.password("1"));
    byOtherIds.put("previous", vectors.password("2"));
    String plaintext = iron.unseal(vectors.sealed("rotated-password-id-2"), byOtherIds, NOW);
    assertEquals(vectors.payload(), TestVectors.parse(plaintext));
  }

  @Test
  void rejectsTheTamperedVectorWithBadHmac() {
    IronException e = assertThrows(IronException.class,
        () -> iron.unseal(vectors.sealed("tampered-ciphertext"), vectors.passwords(), NOW));
    assertEquals("Bad hmac value", e.getMessage());
  }

  /**
   * A 32-byte HMAC is 43 base64url characters whose last one carries 2 unused bits. Java's decoder
   * ignores them, so comparing decoded bytes would accept 4 spellings of every HMAC; iron (the Node
   * SDK) compares the text and accepts one. Each variant here decodes to the very same bytes.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void rejectsAnHmacWhoseUnusedTrailingBitsWereChanged(int unusedBits) throws Exception {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String sealed = iron.seal("{\"a\":1}", "1", PASSWORD, Duration.ZERO);
    String hmac = sealed.substring(sealed.lastIndexOf('*') + 1);
    char last = hmac.charAt(hmac.length() - 1);
    String variant = hmac.substring(0, hmac.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ unusedBits);
    assertEquals(Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(hmac)),
        Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(variant)),
        "the variant decodes to the same bytes");

    String tampered = sealed.substring(0, sealed.lastIndexOf('*') + 1) + variant;
    IronException e = assertThrows(IronException.class, () -> iron.unseal(tampered, Map.of("1", PASSWORD), NOW));
    assertEquals("Bad hmac value", e.getMessage());
    assertEquals("{\"a\":1}", iron.unseal(sealed, Map.of("1", PASSWORD), NOW), "the untouched seal still opens");
  }

  @Test
  void rejectsTheExpiredVectorOnceIronsSixtySecondSkewHasPassed() {
    String sealed = vectors.sealed("expired-seal");
    long expiration = Long.parseLong(sealed.split("\\*")[5]);
    Clock after = Clock.fixed(Instant.ofEpochMilli(expiration + 60_001), java.time.ZoneOffset.UTC);
    IronException e = assertThrows(IronException.class, () -> iron.unseal(sealed, vectors.passwords(), after));
    assertEquals("Expired seal", e.getMessage());
  }

  @Test
  void acceptsTheExpiredVectorWithinTheSkewAndBeforeItsExpiration() throws Exception {
    String sealed = vectors.sealed("expired-seal");
    long expiration = Long.parseLong(sealed.split("\\*")[5]);
    for (long offset : new long[] {-3_600_000, -1, 0, 59_999}) {
      Clock at = Clock.fixed(Instant.ofEpochMilli(expiration + offset), java.time.ZoneOffset.UTC);
      String plaintext = iron.unseal(sealed, vectors.passwords(), at);
      assertEquals(vectors.payload().getString("accessToken"), TestVectors.parse(plaintext).getString("accessToken"),
          "offset " + offset);
    }
  }

  @Test
  void rejectsTheVectorUnderAWrongPassword() {
    IronException e = assertThrows(IronException.class, () -> iron.unseal(vectors.sealed("node-sdk-sealed-session"),
        Map.of("1", "another-password-that-is-long-enough-x"), NOW));
    assertEquals("Bad hmac value", e.getMessage());
  }

  @Test
  void roundTripsUnicodeWithoutExpiration() throws Exception {
    String text = "{\"name\":\"Ada Lovelace – ✓ 你好\"}";
    String sealed = iron.seal(text, "1", PASSWORD, Duration.ZERO);
    assertEquals(text, iron.unseal(sealed, Map.of("1", PASSWORD), NOW));
    assertEquals("", sealed.split("\\*", -1)[5], "no expiration field");
  }

  @Test
  void writesTheIronLayout() {
    String sealed = iron.seal("{}", "7", PASSWORD, Duration.ofSeconds(600));
    String[] parts = sealed.split("\\*", -1);
    assertEquals(8, parts.length);
    assertEquals("Fe26.2", parts[0]);
    assertEquals("7", parts[1]);
    assertTrue(parts[2].matches("[0-9a-f]{64}"), "hex encryption salt");
    assertTrue(parts[3].matches("[A-Za-z0-9_-]{22}"), "16-byte IV, base64url without padding");
    assertTrue(parts[4].matches("[A-Za-z0-9_-]+"), "ciphertext base64url");
    assertEquals(Long.toString(NOW.millis() + 600_000), parts[5]);
    assertTrue(parts[6].matches("[0-9a-f]{64}"), "hex integrity salt");
    assertTrue(parts[7].matches("[A-Za-z0-9_-]{43}"), "32-byte HMAC, base64url without padding");
  }

  @Test
  void twoSealsOfTheSameTextDiffer() {
    assertNotEquals(iron.seal("same", "1", PASSWORD, Duration.ZERO), iron.seal("same", "1", PASSWORD, Duration.ZERO));
  }

  @Test
  void sealsWithTtlExpireAfterTtlPlusSkew() throws Exception {
    MutableClock clock = new MutableClock(NOW.instant());
    IronSeal sealer = new IronSeal(clock, new SecureRandom());
    String sealed = sealer.seal("x", "1", PASSWORD, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(69));
    assertEquals("x", sealer.unseal(sealed, Map.of("1", PASSWORD), clock));
    clock.advance(Duration.ofSeconds(2));
    assertThrows(IronException.class, () -> sealer.unseal(sealed, Map.of("1", PASSWORD), clock));
  }

  @Test
  void readsWhatTheJavaSdkSeals() throws Exception {
    String sealed = Iron.INSTANCE.seal("{\"from\":\"java-sdk\"}", PASSWORD, 0);
    assertEquals("{\"from\":\"java-sdk\"}", iron.unseal(sealed, Map.of("1", PASSWORD), Clock.systemUTC()));
  }

  @Test
  void theJavaSdkReadsWhatWeSealUnderIdOne() {
    String sealed = iron.seal("{\"from\":\"authkit-servlet\"}", "1", PASSWORD, Duration.ZERO);
    assertEquals("{\"from\":\"authkit-servlet\"}", Iron.INSTANCE.unseal(sealed, PASSWORD));
  }

  @Test
  void theJavaSdkCannotReadTheNodeSuffixButWeCan() throws Exception {
    // A limit of the Java SDK's Iron we must not inherit: the Node SDK writes this suffix.
    String node = vectors.sealed("node-sdk-sealed-session");
    assertThrows(RuntimeException.class, () -> Iron.INSTANCE.unseal(node, vectors.password("1")));
    assertFalse(iron.unseal(node, vectors.passwords(), NOW).isEmpty());
  }

  static Stream<Arguments> everyTamperedPart() {
    IronSeal sealer = new IronSeal(NOW, new SecureRandom());
    String sealed = sealer.seal("{\"secret\":true}", "1", PASSWORD, Duration.ofHours(1));
    String[] parts = sealed.split("\\*", -1);
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      cases.add(Arguments.of("part " + i + " changed", withPart(parts, i, flip(parts[i]))));
      cases.add(Arguments.of("part " + i + " emptied", withPart(parts, i, "")));
      cases.add(Arguments.of("part " + i + " extended", withPart(parts, i, parts[i] + "A")));
    }
    cases.add(Arguments.of("expiration pushed later", withPart(parts, 5, Long.toString(NOW.millis() + 7_200_000))));
    cases.add(Arguments.of("expiration removed", withPart(parts, 5, "")));
    cases.add(Arguments.of("password id changed", withPart(parts, 1, "2")));
    cases.add(Arguments.of("truncated", sealed.substring(0, sealed.length() - 1)));
    cases.add(Arguments.of("component dropped", sealed.substring(0, sealed.lastIndexOf('*'))));
    cases.add(Arguments.of("component added", sealed + "*x"));
    cases.add(Arguments.of("suffix ~3", sealed + "~3"));
    cases.add(Arguments.of("suffix ~2~2", sealed + "~2~2"));
    cases.add(Arguments.of("suffix ~", sealed + "~"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTamperedPart")
  void rejectsEveryTamperingWithAnIronException(String description, String tampered) {
    assertThrows(IronException.class, () -> iron.unseal(tampered, Map.of("1", PASSWORD), NOW), description);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "Fe26.2", "*******", "Fe26.2*1*a*b*c**d*e", "Fe26.1*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA**aa*AAAA",
      "Fe26.2*1*aa*!!!!*AAAAAAAAAAAAAAAAAAAAAA**aa*AAAA", "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*%%%%**aa*AAAA",
      "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA**aa*****",
      "Fe26.2*1*aa*AAAA*AAAAAAAAAAAAAAAAAAAAAA**aa*AAAA", "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAA**aa*AAAA",
      "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA*-5*aa*AAAA",
      "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA*99999999999999999999999*aa*AAAA",
      "Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA*12.5*aa*AAAA",
      "Fe26.2*1**AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA***AAAA",
      "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "wos-session=Fe26.2*1", "Fe26.2*1*aa*bb*cc*dd*ee*ff~2",
  })
  void rejectsMalformedValuesWithAnIronExceptionOnly(String malformed) {
    assertThrows(IronException.class, () -> iron.unseal(malformed, Map.of("1", PASSWORD), NOW));
  }

  @Test
  void rejectsNullAndHugeValues() {
    assertThrows(IronException.class, () -> iron.unseal(null, Map.of("1", PASSWORD), NOW));
    assertThrows(IronException.class, () -> iron.unseal("A".repeat(1_000_000), Map.of("1", PASSWORD), NOW));
  }

  @Test
  void withoutAnyPasswordNothingUnseals() {
    String sealed = iron.seal("x", "1", PASSWORD, Duration.ZERO);
    assertThrows(IronException.class, () -> iron.unseal(sealed, Map.of(), NOW));
  }

  @Test
  void refusesToSealWithAShortPasswordOrBadId() {
    assertThrows(IllegalArgumentException.class, () -> iron.seal("x", "1", "short", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> iron.seal("x", "a*b", PASSWORD, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> iron.seal("x", "", PASSWORD, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> iron.seal("x", "1", PASSWORD, Duration.ofSeconds(-1)));
  }

  private static String withPart(String[] parts, int index, String value) {
    String[] copy = parts.clone();
    copy[index] = value;
    return String.join("*", copy);
  }

  /** Changes the first character: the last one of base64url may only carry unused bits. */
  private static String flip(String part) {
    if (part.isEmpty()) {
      return "1";
    }
    char first = part.charAt(0);
    char replacement = Character.isDigit(first) ? (first == '1' ? '2' : '1') : (first == 'A' ? 'B' : 'A');
    return replacement + part.substring(1);
  }

  // Each thread reuses its own JCA engines: they must come out of a failure clean, and threads
  // sealing and unsealing at once must never see each other's state.

  @Test
  void aFailedUnsealLeavesTheThreadsEnginesUsable() throws Exception {
    String sealed = iron.seal("{\"a\":1}", "1", PASSWORD, Duration.ZERO);
    String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThrows(IronException.class, () -> iron.unseal(tampered, Map.of("1", PASSWORD), NOW));
    assertThrows(IronException.class, () -> iron.unseal(sealed, Map.of("1", "another-password-that-is-long-enough"), NOW));
    assertEquals("{\"a\":1}", iron.unseal(sealed, Map.of("1", PASSWORD), NOW));
  }

  @Test
  void threadsSealAndUnsealAtOnceWithoutMixingUp() throws Exception {
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(threads.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 200; i++) {
            String text = "{\"thread\":" + thread + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i) + "\"}";
            String sealed = iron.seal(text, "1", PASSWORD, Duration.ZERO);
            wrong += text.equals(iron.unseal(sealed, Map.of("1", PASSWORD), NOW)) ? 0 : 1;
          }
          return wrong;
        }));
      }
      for (java.util.concurrent.Future<Integer> result : results) {
        assertEquals(0, result.get(), "wrong round trips on one thread");
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
