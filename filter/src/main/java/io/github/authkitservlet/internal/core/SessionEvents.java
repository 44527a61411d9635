package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.workos.Failure;

/**
 * What the decisions tell the application's listeners, through the adapter that holds the
 * request: a sign-in (which a listener may refuse), a refresh, a sign-out. The adapter hands each
 * to the application's {@code AuthKitListener}s; a listener that fails on a refresh or a sign-out
 * is the adapter's to log, and changes nothing.
 *
 * <p>Internal API of authkit-servlet.
 */
public interface SessionEvents {

  /** Nobody listens: the decisions skip what only listeners need. */
  SessionEvents NONE = new SessionEvents() {
    @Override
    public boolean isEmpty() {
      return true;
    }
  };

  /** Whether nobody listens. */
  default boolean isEmpty() {
    return false;
  }

  /**
   * A user signed in; the session is verified and about to be set.
   *
   * @param customState the application's state from the sign-in link, or null
   * @throws Exception when a listener refuses the sign-in: no cookie is set
   */
  default void signedIn(ResolvedSession session, String customState) throws Exception {}

  /**
   * A refresh was tried for this request.
   *
   * @param session the session served: the new one, or the current one while WorkOS is having a
   *     moment; null when none is (signed out, or 503)
   * @param failure why the refresh failed ({@link Failure#isTerminal()}: the user was signed out), or
   *     null when it succeeded
   */
  default void refreshed(ResolvedSession session, Failure failure) {}

  /**
   * A session ended (sign-out).
   *
   * @param userId the user whose session it was, or null when the cookie did not say
   */
  default void signedOut(String userId, String sessionId) {}
}
