package io.github.authkitservlet.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 S256: {@code BASE64URL(SHA256(verifier)) == challenge}. */
final class Pkce {

  /** 43–128 characters from the unreserved set (RFC 7636 §4.1). */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Pkce() {
  }

  static boolean isValidChallenge(String challenge) {
    return CHALLENGE.matcher(challenge).matches();
  }

  static boolean verifies(String verifier, String challenge) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return false;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
