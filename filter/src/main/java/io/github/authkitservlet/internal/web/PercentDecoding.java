package io.github.authkitservlet.internal.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict percent-decoding: every {@code %} needs two hex digits and the bytes must be UTF-8. */
final class PercentDecoding {

  private PercentDecoding() {}

  /** The decoded text, or empty for a bad escape or invalid UTF-8. {@code +} stays {@code +}. */
  static Optional<String> decode(String text) {
    if (text.indexOf('%') < 0) {
      return Optional.of(text);
    }
    byte[] bytes = new byte[text.length() * 3];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          return Optional.empty();
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0 || text.charAt(i + 1) > 0x7f || text.charAt(i + 2) > 0x7f) {
          return Optional.empty();
        }
        bytes[length++] = (byte) ((high << 4) | low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isSurrogate(c)) {
          return Optional.empty();
        }
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
      }
    }
    try {
      CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      return Optional.of(decoded.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code c} is a C0 control character or DEL. */
  static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f;
  }
}
