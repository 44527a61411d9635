package io.github.authkitservlet.internal.workos;

import io.github.authkitservlet.internal.session.SessionData;
import java.util.Objects;

/**
 * What came of asking WorkOS for tokens (a code exchange or a refresh).
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface GrantResult {

  /** WorkOS issued tokens; {@code session} is ready to be sealed into the cookie. */
  record Success(SessionData session) implements GrantResult {
    public Success {
      Objects.requireNonNull(session, "session");
    }
  }

  /** WorkOS did not issue tokens; {@link Failure#isTerminal()} says whether it ever will. */
  record Failed(Failure failure) implements GrantResult {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
