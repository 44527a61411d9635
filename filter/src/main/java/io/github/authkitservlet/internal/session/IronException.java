package io.github.authkitservlet.internal.session;

/**
 * A sealed value could not be unsealed (malformed, bad HMAC, expired, unknown password). The
 * message is a short reason such as "Bad hmac value"; it never contains the value or a password.
 *
 * <p>Internal API of authkit-servlet.
 */
final class IronException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param reason a short reason, never containing secret material */
  IronException(String reason) {
    super(reason);
  }
}
