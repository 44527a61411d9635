package io.github.authkitservlet.internal.core;

import java.util.Locale;

/**
 * What an {@code Authorization} header says about a bearer credential (RFC 6750, section 2.1):
 * nothing (no header, or another scheme such as {@code Basic}), something malformed, or a
 * credential of a {@link BearerKind}.
 *
 * <p>How the kinds are told apart: a WorkOS access token is a JWT, three base64url parts separated
 * by exactly two dots (header and claims never empty; an empty signature is still a JWT, an
 * unsigned one, which the verifier then refuses); a WorkOS API key ({@code sk_…}) has no dot.
 * Everything that is not a JWT is taken for an API key, which must then look like one before
 * WorkOS is asked about it.
 */
sealed interface BearerHeader {

  /** Longer than any WorkOS credential, and than the header limits of common servers (8 KB). */
  int MAX_CREDENTIAL_LENGTH = 8 * 1024;

  /** No bearer credential. */
  record None() implements BearerHeader {}

  /** The Bearer scheme with no credential, or not a token68 (spaces, commas, quotes, too long...). */
  record Malformed() implements BearerHeader {}

  /** A credential and its kind. */
  record Credential(BearerKind kind, String value) implements BearerHeader {
    /** Never shows the credential. */
    @Override
    public String toString() {
      return "Credential[" + kind + "]";
    }
  }

  /** What {@code authorization} (the header's value, or null) says. */
  static BearerHeader of(String authorization) {
    if (!isBearer(authorization)) {
      return new None();
    }
    String value = authorization.strip().substring("Bearer".length()).strip();
    if (value.isEmpty() || value.length() > MAX_CREDENTIAL_LENGTH || !isToken68(value)) {
      return new Malformed();
    }
    return new Credential(isJwt(value) ? BearerKind.ACCESS_TOKEN : BearerKind.API_KEY, value);
  }

  /** Whether the header uses the Bearer scheme (case-insensitive, as RFC 7235 says schemes are). */
  static boolean isBearer(String authorization) {
    if (authorization == null) {
      return false;
    }
    String header = authorization.strip();
    return header.length() >= 6 && header.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")
        && (header.length() == 6 || header.charAt(6) == ' ' || header.charAt(6) == '\t');
  }

  /** RFC 7235's token68: letters, digits, {@code -._~+/}, then any {@code =}. */
  private static boolean isToken68(String value) {
    int i = 0;
    int length = value.length();
    while (i < length && isToken68Char(value.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < length && value.charAt(i) == '=') {
      i++;
    }
    return i == length;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  }

  /** Three parts separated by exactly two dots, the first two not empty. */
  private static boolean isJwt(String value) {
    int first = value.indexOf('.');
    int second = first < 0 ? -1 : value.indexOf('.', first + 1);
    return first > 0 && second > first + 1 && value.indexOf('.', second + 1) < 0;
  }
}
