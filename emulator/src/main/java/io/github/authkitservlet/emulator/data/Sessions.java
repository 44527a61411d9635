package io.github.authkitservlet.emulator.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed-in sessions, by id. A session ends on logout or revoke and never comes back. The
 * listener hears of every session that starts and every session that ends (once), so webhooks
 * see the same lifecycle whichever endpoint caused it.
 */
public final class Sessions {

  /** How long a session lasts without being ended (WorkOS's "maximum session length" is configurable). */
  public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  /** WorkOS documents that impersonation sessions expire after 60 minutes. */
  public static final Duration IMPERSONATION_LIFETIME = Duration.ofMinutes(60);

  /** Told about session starts and ends, while the store's lock is held: keep it quick and non-blocking. */
  public interface Listener {
    void started(AuthSession session);

    void ended(AuthSession session);
  }

  /** What a new session is for; {@code ipAddress} and {@code userAgent} are what the caller reported, or null. */
  public record Start(String userId, String organizationId, String clientId, Impersonator impersonator,
      String ipAddress, String userAgent) { }

  private final Clock clock;
  private final Listener listener;
  private final Map<String, AuthSession> sessions = new HashMap<>();

  public Sessions(Clock clock, Listener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  public synchronized AuthSession start(Start start) {
    Instant now = clock.instant();
    boolean impersonated = start.impersonator() != null;
    AuthSession session = new AuthSession(Ids.random("session", now), start.userId(), start.organizationId(),
        start.clientId(), start.impersonator(), impersonated ? "impersonation" : "password", start.ipAddress(),
        start.userAgent(), now, now, now.plus(impersonated ? IMPERSONATION_LIFETIME : SESSION_LIFETIME), null);
    sessions.put(session.id(), session);
    listener.started(session);
    return session;
  }

  public synchronized Optional<AuthSession> find(String id) {
    return Optional.ofNullable(id == null ? null : sessions.get(id));
  }

  /** Stores a changed session (e.g. switched organization), unless it has ended meanwhile. */
  public synchronized void update(AuthSession session) {
    sessions.computeIfPresent(session.id(), (id, current) -> current.ended() ? current : session);
  }

  /**
   * Ends a session; false when there is no such session. Ending an ended session changes
   * nothing and tells the listener nothing.
   */
  public synchronized boolean end(String id) {
    AuthSession session = id == null ? null : sessions.get(id);
    if (session == null) {
      return false;
    }
    if (!session.ended()) {
      AuthSession ended = session.endedAt(clock.instant());
      sessions.put(id, ended);
      listener.ended(ended);
    }
    return true;
  }

  public synchronized void reset() {
    sessions.clear();
  }
}
