package io.github.authkitservlet.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a credential, for keys of in-memory maps and names of cookies, so that what is kept or
 * shown reveals nothing and no credential stays in memory longer than its request.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public final class Digests {

  private Digests() {}

  /** The SHA-256 of the UTF-8 bytes of {@code text}. */
  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
