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
   * response must carry the resealed cookie.
   */
  record Authenticated(ResolvedSession session, Optional<String> newCookieValue) implements AuthOutcome {
    public Authenticated {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(newCookieValue, "newCookieValue");
    }
  }

  /**
   * Nobody is signed in. {@code clearCookie} is true when a session cookie was sent but is useless
   * (malformed, tampered, foreign, or its refresh was refused for good) and should be deleted.
   */
  record Anonymous(boolean clearCookie) implements AuthOutcome {}

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
