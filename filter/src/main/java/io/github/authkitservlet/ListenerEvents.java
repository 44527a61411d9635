package io.github.authkitservlet;

import io.github.authkitservlet.AuthKitListener.Outcome;
import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.core.SessionEvents;
import io.github.authkitservlet.internal.workos.Failure;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The decisions' events for one request, handed to the application's listeners as the public
 * events. A listener's exception is logged here, with the listener's class: on a sign-in it is
 * passed on (the core refuses the sign-in), otherwise it stops there.
 */
final class ListenerEvents implements SessionEvents {

  private static final Logger LOG = Logger.getLogger(ListenerEvents.class.getName());

  private final List<AuthKitListener> listeners;
  private final HttpServletRequest request;
  private final Function<ResolvedSession, AuthKitPrincipal> principals;

  ListenerEvents(List<AuthKitListener> listeners, HttpServletRequest request,
      Function<ResolvedSession, AuthKitPrincipal> principals) {
    this.listeners = listeners;
    this.request = request;
    this.principals = principals;
  }

  @Override
  public void signedIn(ResolvedSession session, String customState) throws Exception {
    AuthKitListener.SignIn event = new AuthKitListener.SignIn(
        principals.apply(session), session.data().authenticationMethod(), customState, request);
    for (AuthKitListener listener : listeners) {
      try {
        listener.signedIn(event);
      } catch (Exception | LinkageError e) {
        LOG.log(Level.WARNING, "AuthKit listener " + listener.getClass().getName()
            + " refused a sign-in; the user was not signed in", e);
        throw e instanceof Exception exception ? exception : new IllegalStateException(e);
      }
    }
  }

  @Override
  public void refreshed(ResolvedSession session, Failure failure) {
    Outcome outcome = failure == null ? Outcome.SUCCEEDED
        : failure.isTerminal() ? Outcome.SIGNED_OUT : Outcome.FAILED_TEMPORARILY;
    AuthKitListener.Refresh event = new AuthKitListener.Refresh(outcome,
        session == null ? null : principals.apply(session), failure == null ? null : failure.code(), request);
    for (AuthKitListener listener : listeners) {
      try {
        listener.refreshed(event);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "AuthKit listener " + listener.getClass().getName() + " failed on a refresh", e);
      }
    }
  }

  @Override
  public void signedOut(String userId, String sessionId) {
    AuthKitListener.SignOut event = new AuthKitListener.SignOut(userId, sessionId, request);
    for (AuthKitListener listener : listeners) {
      try {
        listener.signedOut(event);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "AuthKit listener " + listener.getClass().getName() + " failed on a sign-out", e);
      }
    }
  }
}
