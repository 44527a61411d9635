package io.github.authkitservlet.emulator.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WorkOS's {@code WorkOS-Signature} header: {@code t=<unix time in ms>, v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed with the endpoint secret>}, with one space after the comma. The SDKs
 * check the timestamp against their own clock (three minutes' tolerance by default).
 */
final class WebhookSigner {

  static final String HEADER = "WorkOS-Signature";

  private WebhookSigner() {
  }

  static String header(long timestampMillis, String body, String secret) {
    String t = Long.toString(timestampMillis);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ", v1=" + HexFormat.of().formatHex(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
