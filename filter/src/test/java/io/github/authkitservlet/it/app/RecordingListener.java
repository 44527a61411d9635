package io.github.authkitservlet.it.app;

import io.github.authkitservlet.AuthKitListener;
import io.github.authkitservlet.it.ListenerLog;

/**
 * Writes what it hears to {@link ListenerLog} (loaded outside the WAR, so the test reads the same
 * list), and refuses a sign-in whose link carried {@code state=refuse}.
 */
public class RecordingListener implements AuthKitListener {

  @Override
  public void signedIn(SignIn signIn) {
    ListenerLog.add("signedIn " + signIn.user().getEmail() + " " + signIn.authenticationMethod() + " "
        + signIn.organizationId() + " " + signIn.state() + " "
        + (signIn.impersonator() == null ? "-" : signIn.impersonator().email() + "/" + signIn.impersonator().reason())
        + " " + signIn.request().getRequestURI());
    if ("refuse".equals(signIn.state())) {
      throw new IllegalStateException("this application does not take such sign-ins");
    }
  }

  @Override
  public void refreshed(Refresh refresh) {
    ListenerLog.add("refreshed " + refresh.outcome() + " " + (refresh.user() == null ? "-" : refresh.user().getEmail())
        + " " + refresh.failureCode());
  }

  @Override
  public void signedOut(SignOut signOut) {
    ListenerLog.add("signedOut " + signOut.userId() + " " + signOut.sessionId().startsWith("session_"));
  }
}
