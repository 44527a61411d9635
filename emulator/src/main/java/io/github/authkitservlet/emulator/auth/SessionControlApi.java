package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import java.time.Clock;

/**
 * The control API's sessions: {@code POST /_emulate/sessions/{id}/revoke} ends a session as if
 * someone revoked it in the WorkOS dashboard (its refresh tokens stop working and
 * {@code session.revoked} is delivered).
 */
public final class SessionControlApi {

  private final Sessions sessions;
  private final Clock clock;

  public SessionControlApi(Sessions sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  public void register(Router router) {
    router.post("/_emulate/sessions/{id}/revoke", this::revoke);
  }

  /** Answers the session object, now {@code revoked}. */
  private Response revoke(Request r) {
    String id = r.pathParam("id");
    if (!sessions.end(id)) {
      throw ApiException.notFound("Session not found: " + SessionEndpoints.sanitize(id));
    }
    return Response.json(200, WorkOSJson.session(sessions.find(id).orElseThrow(), clock.instant()));
  }
}
