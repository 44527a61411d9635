package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.workos.Failure;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SessionAuthenticator} made of a request's session cookie. Internal API of
 * authkit-servlet.
 */
public sealed interface AuthOutcome {

  /**
   * A signed-in user. {@code newCookieValue} is present when the session was refreshed and the
   * response must carry the resealed cookie; {@code refreshFailure} is set when a refresh was due
   * but failed and the current token, still valid, is served meanwhile.
   */
  record Authenticated(ResolvedSession session, Optional<String> newCookieValue, Failure refreshFailure)
      implements AuthOutcome {
    public Authenticated {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(newCookieValue, "newCookieValue");
    }

    /** A signed-in user whose session needed no refresh, or was refreshed. */
    public Authenticated(ResolvedSession session, Optional<String> newCookieValue) {
      this(session, newCookieValue, null);
    }
  }

  /**
   * Nobody is signed in. {@code clearCookie} is true when a session cookie was sent but is useless
   * (malformed, tampered, foreign, ended, or its refresh was refused for good) and should be
   * deleted; {@code refreshFailure} is the refusal when a refresh ended the session.
   */
  record Anonymous(boolean clearCookie, Failure refreshFailure) implements AuthOutcome {

    /** Nobody is signed in, and no refresh was involved. */
    public Anonymous(boolean clearCookie) {
      this(clearCookie, null);
    }
  }

  /**
   * The session may well be fine but cannot be confirmed right now (WorkOS down while the access
   * token has expired): keep the cookie, answer 503 with {@code Retry-After}.
   */
  record Unavailable(Failure failure) implements AuthOutcome {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
