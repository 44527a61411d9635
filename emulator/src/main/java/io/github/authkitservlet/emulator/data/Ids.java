package io.github.authkitservlet.emulator.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * WorkOS-style identifiers: a prefix and a 26-character ULID ({@code user_01J...}).
 * Seeded entities without an id get a stable one derived from their natural key, so ids survive
 * restarts and resets; everything created at runtime gets a random one.
 */
public final class Ids {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  public static String random(String prefix, Instant now) {
    byte[] entropy = new byte[10];
    RANDOM.nextBytes(entropy);
    return prefix + "_" + ulid(now.toEpochMilli(), entropy);
  }

  public static String stable(String prefix, String naturalKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (prefix + ":" + naturalKey).getBytes(StandardCharsets.UTF_8));
      byte[] entropy = java.util.Arrays.copyOfRange(hash, 0, 10);
      // A fixed timestamp (2024-01-01) keeps the id a valid ULID while staying deterministic.
      return prefix + "_" + ulid(1_704_067_200_000L, entropy);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Opaque random token (codes, refresh tokens): 32 random bytes in base64url. */
  public static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String ulid(long millis, byte[] entropy) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 bits of entropy → 16 base32 characters.
    long hi = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (entropy[i] & 0xff);
    }
    long lo = 0;
    for (int i = 5; i < 10; i++) {
      lo = (lo << 8) | (entropy[i] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = CROCKFORD[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = CROCKFORD[(int) (lo & 31)];
      lo >>>= 5;
    }
    return new String(out);
  }
}
