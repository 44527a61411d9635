package io.github.authkitservlet.internal.core;

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
    int start = credentialStart(authorization);
    if (start < 0) {
      return new None();
    }
    // Index arithmetic rather than strip()/substring() chains: this runs on every API call.
    int end = authorization.length();
    while (end > start && isWhitespace(authorization.charAt(end - 1))) {
      end--;
    }
    if (end == start || end - start > MAX_CREDENTIAL_LENGTH || !isToken68(authorization, start, end)) {
      return new Malformed();
    }
    String value = authorization.substring(start, end);
    return new Credential(isJwt(value) ? BearerKind.ACCESS_TOKEN : BearerKind.API_KEY, value);
  }

  /** Whether the header uses the Bearer scheme (case-insensitive, as RFC 7235 says schemes are). */
  static boolean isBearer(String authorization) {
    return credentialStart(authorization) >= 0;
  }

  /**
   * Where the credential starts: after leading whitespace, the scheme {@code Bearer} in any case,
   * and the whitespace that follows it; -1 when the header is absent or has another scheme.
   */
  private static int credentialStart(String authorization) {
    if (authorization == null) {
      return -1;
    }
    int length = authorization.length();
    int i = 0;
    while (i < length && isWhitespace(authorization.charAt(i))) {
      i++;
    }
    if (!authorization.regionMatches(true, i, "Bearer", 0, 6)) {
      return -1;
    }
    i += 6;
    if (i < length && !isWhitespace(authorization.charAt(i))) {
      return -1; // "Bearerx": another scheme
    }
    while (i < length && isWhitespace(authorization.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 7235's token68 between {@code start} and {@code end}: letters, digits, {@code -._~+/}, then any {@code =}. */
  private static boolean isToken68(String value, int start, int end) {
    int i = start;
    while (i < end && isToken68Char(value.charAt(i))) {
      i++;
    }
    if (i == start) {
      return false;
    }
    while (i < end && value.charAt(i) == '=') {
      i++;
    }
    return i == end;
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
