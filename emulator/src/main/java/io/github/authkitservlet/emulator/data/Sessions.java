package io.github.authkitservlet.emulator.data;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Signed-in sessions, by id. A session ends on logout or revoke and never comes back. */
public final class Sessions {

  private final Clock clock;
  private final Map<String, AuthSession> sessions = new HashMap<>();

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public synchronized AuthSession start(String userId, String organizationId, String clientId) {
    var now = clock.instant();
    AuthSession session = new AuthSession(Ids.random("session", now), userId, organizationId, clientId, now, false);
    sessions.put(session.id(), session);
    return session;
  }

  public synchronized Optional<AuthSession> find(String id) {
    return Optional.ofNullable(id == null ? null : sessions.get(id));
  }

  /** Stores a changed session (e.g. switched organization), unless it has ended meanwhile. */
  public synchronized void update(AuthSession session) {
    sessions.computeIfPresent(session.id(), (id, current) -> current.ended() ? current : session);
  }

  /** Ends a session; false when there is no such session. */
  public synchronized boolean end(String id) {
    AuthSession session = sessions.get(id);
    if (session == null) {
      return false;
    }
    sessions.put(id, session.asEnded());
    return true;
  }

  public synchronized void reset() {
    sessions.clear();
  }
}
