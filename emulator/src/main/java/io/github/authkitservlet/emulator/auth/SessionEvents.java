package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.events.Webhooks;
import java.time.Clock;

/**
 * {@code session.created} for every session that starts (sign-in, password-less test sessions,
 * impersonation) and {@code session.revoked} for every session that ends (revoke, logout, the
 * control API), with the session object as {@code data}.
 */
public final class SessionEvents implements Sessions.Listener {

  private final Webhooks webhooks;
  private final Clock clock;

  public SessionEvents(Webhooks webhooks, Clock clock) {
    this.webhooks = webhooks;
    this.clock = clock;
  }

  @Override
  public void started(AuthSession session) {
    webhooks.publish("session.created", WorkOSJson.session(session, clock.instant()));
  }

  @Override
  public void ended(AuthSession session) {
    webhooks.publish("session.revoked", WorkOSJson.session(session, clock.instant()));
  }
}
