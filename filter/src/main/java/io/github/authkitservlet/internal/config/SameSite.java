package io.github.authkitservlet.internal.config;

/**
 * The SameSite attribute of the session cookie ({@code workos.cookie-samesite}).
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public enum SameSite {
  LAX("Lax"),
  STRICT("Strict"),
  /** Sent on cross-site requests too; browsers require the Secure attribute with it. */
  NONE("None");

  private final String attributeValue;

  SameSite(String attributeValue) {
    this.attributeValue = attributeValue;
  }

  /** The value as written in a {@code Set-Cookie} header, e.g. {@code Lax}. */
  public String attributeValue() {
    return attributeValue;
  }
}
