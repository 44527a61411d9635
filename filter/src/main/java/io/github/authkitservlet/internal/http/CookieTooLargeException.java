package io.github.authkitservlet.internal.http;

/**
 * A cookie would be larger than browsers keep. Browsers drop such a cookie without a word, which
 * turns into a sign-in loop; we refuse to send it and say so instead.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class CookieTooLargeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int size;

  CookieTooLargeException(String cookieName, int size, int limit) {
    super("cookie '" + cookieName + "' would be " + size + " bytes, over the " + limit
        + " bytes browsers keep; the session holds too much (e.g. many permissions or a long profile)");
    this.size = size;
  }

  /** The size the cookie would have had, in bytes. */
  public int size() {
    return size;
  }
}
