package io.github.authkitservlet.internal.bearer;

import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.ValidatedApiKey;
import java.util.Objects;

/**
 * What a bearer credential amounts to. Internal API of authkit-servlet.
 *
 * <p>Deliberately without a reason on {@link Refused}: the answer to the caller is the same
 * {@code invalid_token} whatever was wrong, so that it tells an attacker nothing.
 */
public sealed interface BearerOutcome {

  /** A WorkOS access token with a good signature, meant for this client, unexpired, its session not ended. */
  record Token(AccessTokenClaims claims) implements BearerOutcome {
    public Token {
      Objects.requireNonNull(claims, "claims");
    }
  }

  /** A customer's API key that WorkOS confirmed. */
  record Key(ValidatedApiKey key) implements BearerOutcome {
    public Key {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Not a credential this application accepts. */
  record Refused() implements BearerOutcome {}

  /** Cannot be judged right now (no signing keys, WorkOS unreachable, too many unknown keys): try again. */
  record Unavailable(Failure failure) implements BearerOutcome {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
