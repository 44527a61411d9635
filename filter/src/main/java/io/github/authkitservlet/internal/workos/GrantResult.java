package io.github.authkitservlet.internal.workos;

import io.github.authkitservlet.internal.session.SessionData;
import java.time.Duration;
import java.util.Objects;

/**
 * What came of asking WorkOS for tokens (a code exchange or a refresh).
 *
 * <p>Internal API of authkit-servlet: public only because it crosses packages.
 *
 * <p>The split matters more than the detail: a {@link Terminal} answer means the grant can never
 * succeed (the user must sign in again), a {@link Transient} one means WorkOS could not answer now
 * and nothing should be thrown away (DESIGN.md §6.9).
 */
public sealed interface GrantResult {

  /** WorkOS issued tokens; {@code session} is ready to be sealed into the cookie. */
  record Success(SessionData session) implements GrantResult {
    public Success {
      Objects.requireNonNull(session, "session");
    }
  }

  /**
   * WorkOS refused the grant for good ({@code invalid_grant}, {@code sso_required},
   * {@code mfa_enrollment}, ...). {@code reason} is WorkOS's error code, safe to log.
   */
  record Terminal(String reason) implements GrantResult {
    public Terminal {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * WorkOS was unreachable, slow, overloaded (5xx, 429) or rejected our own credentials.
   * {@code retryAfter} is what to tell the browser (from WorkOS's {@code Retry-After} when given).
   */
  record Transient(String reason, Duration retryAfter) implements GrantResult {
    public Transient {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
