package io.github.authkitservlet.internal.workos;

import java.util.Objects;

/**
 * What WorkOS said about a value presented as a customer's API key.
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface ApiKeyValidation {

  /** A key that exists and has not expired. */
  record Valid(ValidatedApiKey key) implements ApiKeyValidation {
    public Valid {
      Objects.requireNonNull(key, "key");
    }
  }

  /** WorkOS knows no such key (unknown, expired or revoked): WorkOS answers {@code {"api_key": null}}. */
  record Unknown() implements ApiKeyValidation {}

  /** WorkOS could not say (unreachable, 5xx, rate limited, our own API key refused). */
  record Failed(Failure failure) implements ApiKeyValidation {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
