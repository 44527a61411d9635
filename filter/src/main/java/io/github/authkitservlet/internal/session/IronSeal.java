package io.github.authkitservlet.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Iron {@code Fe26.2} seal, byte for byte as iron-webcrypto (WorkOS's Node SDK, authkit-nextjs)
 * and the Java SDK's {@code com.workos.session.Iron} produce it:
 * {@code Fe26.2*<passwordId>*<encSalt>*<iv>*<ciphertext>*<expiration>*<hmacSalt>*<hmac>}, with
 * AES-256-CBC encryption, HMAC-SHA256 integrity, keys from PBKDF2-HMAC-SHA1 with one iteration over
 * the UTF-8 bytes of the hex salt string, and base64url without padding.
 *
 * <p>Unlike the Java SDK's {@code Iron}, this reads the {@code ~2} suffix that iron-session (Node
 * SDK) appends, honours password ids (for rotation), and reports every malformed part as an
 * {@link IronException} instead of an {@code IllegalArgumentException}.
 *
 * <p>Thread-safe. Internal API: public only because several packages of this library share it.
 */
public final class IronSeal {

  static final String PREFIX = "Fe26.2";
  /** What iron-session appends to say "payload is the object itself" (its format version 2). */
  static final String NODE_VERSION_SUFFIX = "~2";
  /** Iron's own minimum: shorter passwords make the PBKDF2 (one iteration) keys guessable. */
  public static final int MIN_PASSWORD_LENGTH = 32;
  /** iron's default timestampSkewSec: a seal stays valid this long after its expiration. */
  static final Duration EXPIRATION_SKEW = Duration.ofSeconds(60);
  /** Far above any cookie (browsers keep 4 KB); stops absurd inputs before any crypto work. */
  static final int MAX_SEALED_LENGTH = 64 * 1024;

  private static final int SALT_BYTES = 32;
  private static final int IV_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final Pattern PASSWORD_ID = Pattern.compile("\\w+");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final SecureRandom random;
  private final Clock clock;
  // JCA engines are not thread-safe, but looking them up costs a provider search per call (and
  // there are five per unseal): each request thread keeps its own. The values are JDK types only,
  // so a container thread that outlives the application holds nothing of ours.
  private final ThreadLocal<SecretKeyFactory> pbkdf2 = ThreadLocal.withInitial(() -> engine(() ->
      SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")));
  private final ThreadLocal<Mac> hmacSha256 = ThreadLocal.withInitial(() -> engine(() -> Mac.getInstance("HmacSHA256")));
  private final ThreadLocal<Cipher> aesCbc = ThreadLocal.withInitial(() -> engine(() ->
      Cipher.getInstance("AES/CBC/PKCS5Padding")));

  /** Seals with the system clock and a new {@link SecureRandom}. */
  public IronSeal() {
    this(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * @param clock the clock that stamps expirations when sealing
   * @param random the source of salts and IVs, reused for every seal
   */
  public IronSeal(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Seals {@code plaintext} (usually JSON). The result has no {@code ~2} suffix: callers that write
   * for the Node SDK add it.
   *
   * @param passwordId the id written into the seal ({@code \w+}, e.g. {@code 1})
   * @param password at least 32 characters
   * @param ttl lifetime of the seal; {@link Duration#ZERO} for none
   * @throws IllegalArgumentException for a bad password id, short password or negative ttl
   */
  public String seal(String plaintext, String passwordId, String password, Duration ttl) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (passwordId == null || !PASSWORD_ID.matcher(passwordId).matches()) {
      throw new IllegalArgumentException("password id must be letters, digits or '_'");
    }
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (none) or positive");
    }
    try {
      String encSalt = HexFormat.of().formatHex(randomBytes(SALT_BYTES));
      byte[] iv = randomBytes(IV_BYTES);
      Cipher cipher = aesCbc.get();
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(deriveKey(password, encSalt), "AES"), new IvParameterSpec(iv));
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      String expiration = ttl.isZero() ? "" : Long.toString(clock.millis() + ttl.toMillis());
      String macBase = String.join("*", PREFIX, passwordId, encSalt, B64.encodeToString(iv),
          B64.encodeToString(ciphertext), expiration);
      String hmacSalt = HexFormat.of().formatHex(randomBytes(SALT_BYTES));
      byte[] hmac = hmac(deriveKey(password, hmacSalt), macBase);
      return macBase + "*" + hmacSalt + "*" + B64.encodeToString(hmac);
    } catch (GeneralSecurityException e) {
      // AES-256-CBC, HmacSHA256 and PBKDF2WithHmacSHA1 are mandatory in every Java 17 runtime.
      throw new IllegalStateException("JCA algorithms required by Iron are unavailable", e);
    }
  }

  /**
   * Unseals a value sealed by this class, the Java SDK or the Node SDK (with or without {@code ~2}).
   * The password registered under the seal's id is tried first, then the others (our rotation
   * configuration has no ids, so a value sealed under "1" by an older password is still found).
   * The HMAC is checked (as its base64url text, like iron, and in constant time) before anything is decrypted.
   *
   * @param passwordsById passwords by id, in the order to try after the seal's own id
   * @param clock the clock for the expiration check (iron's 60 s skew applies)
   * @return the plaintext
   * @throws IronException with a short reason when the value is malformed, no password's HMAC
   *     matches, or the seal has expired
   */
  public String unseal(String sealed, Map<String, String> passwordsById, Clock clock) throws IronException {
    Objects.requireNonNull(passwordsById, "passwordsById");
    Objects.requireNonNull(clock, "clock");
    if (sealed == null || sealed.isEmpty()) {
      throw new IronException("Empty seal");
    }
    if (sealed.length() > MAX_SEALED_LENGTH) {
      throw new IronException("Seal too long");
    }
    String body = sealed.endsWith(NODE_VERSION_SUFFIX)
        ? sealed.substring(0, sealed.length() - NODE_VERSION_SUFFIX.length())
        : sealed;
    if (body.indexOf('~') >= 0) {
      throw new IronException("Unsupported seal version");
    }
    String[] parts = body.split("\\*", -1);
    if (parts.length != 8) {
      throw new IronException("Incorrect number of sealed components");
    }
    if (!PREFIX.equals(parts[0])) {
      throw new IronException("Wrong mac prefix");
    }
    String passwordId = parts[1].isEmpty() ? "default" : parts[1];
    String encSalt = parts[2];
    String expiration = parts[5];
    String hmacSalt = parts[6];
    if (encSalt.isEmpty() || hmacSalt.isEmpty()) {
      throw new IronException("Missing salt");
    }
    byte[] iv = decode(parts[3], "iv");
    byte[] ciphertext = decode(parts[4], "ciphertext");
    String givenHmac = parts[7];
    if (iv.length != IV_BYTES) {
      throw new IronException("Invalid iv");
    }
    if (ciphertext.length == 0 || ciphertext.length % IV_BYTES != 0) {
      throw new IronException("Invalid ciphertext");
    }
    if (!expiration.isEmpty() && !DIGITS.matcher(expiration).matches()) {
      throw new IronException("Invalid expiration");
    }
    String macBase = body.substring(0, body.lastIndexOf('*', body.lastIndexOf('*') - 1));

    String password = findPassword(passwordId, passwordsById, hmacSalt, macBase, givenHmac);
    // The expiration is part of the HMAC'd text, so it is checked once we know it is authentic.
    if (!expiration.isEmpty()
        && Long.parseLong(expiration) <= clock.millis() - EXPIRATION_SKEW.toMillis()) {
      throw new IronException("Expired seal");
    }
    try {
      Cipher cipher = aesCbc.get();
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(deriveKey(password, encSalt), "AES"), new IvParameterSpec(iv));
      return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // Only reachable with a valid HMAC, i.e. someone holding the password sealed garbage.
      throw new IronException("Decryption failed");
    }
  }

  private String findPassword(String passwordId, Map<String, String> passwordsById, String hmacSalt,
      String macBase, String givenHmac) throws IronException {
    List<String> candidates = new ArrayList<>(passwordsById.size());
    String own = passwordsById.get(passwordId);
    if (own != null && !own.isEmpty()) {
      candidates.add(own);
    }
    for (String other : passwordsById.values()) {
      if (other != null && !other.isEmpty() && !candidates.contains(other)) {
        candidates.add(other);
      }
    }
    if (candidates.isEmpty()) {
      throw new IronException("No password");
    }
    // Compared as text, like iron: decoding first would also accept the three other spellings
    // that differ only in the last character's two unused bits.
    byte[] given = givenHmac.getBytes(StandardCharsets.US_ASCII);
    try {
      for (String candidate : candidates) {
        byte[] expected = B64.encode(hmac(deriveKey(candidate, hmacSalt), macBase));
        if (MessageDigest.isEqual(expected, given)) {
          return candidate;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCA algorithms required by Iron are unavailable", e);
    }
    throw new IronException("Bad hmac value");
  }

  private static byte[] decode(String part, String name) throws IronException {
    try {
      return B64_DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw new IronException("Invalid " + name + " encoding");
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] deriveKey(String password, String salt) throws GeneralSecurityException {
    // iron-webcrypto feeds the UTF-8 bytes of the hex salt *string* to PBKDF2, with one iteration.
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1, KEY_BITS);
    try {
      return pbkdf2.get().generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
    Mac mac = hmacSha256.get();
    // init resets the engine, so a previous call that failed halfway leaves nothing behind.
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Something that looks up a JCA engine. */
  private interface EngineLookup<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T engine(EngineLookup<T> lookup) {
    try {
      return lookup.get();
    } catch (GeneralSecurityException e) {
      // AES-256-CBC, HmacSHA256 and PBKDF2WithHmacSHA1 are mandatory in every Java 17 runtime.
      throw new IllegalStateException("JCA algorithms required by Iron are unavailable", e);
    }
  }
}
