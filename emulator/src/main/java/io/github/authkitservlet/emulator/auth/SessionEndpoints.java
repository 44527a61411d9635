package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Client;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.ApiKeyCheck;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import jakarta.json.Json;
import java.util.List;
import java.util.Optional;

/** Ending sessions: logout (a browser redirect) and revocation (an API call with an API key). */
public final class SessionEndpoints {

  private final Directory directory;
  private final Sessions sessions;
  private final Counters counters;

  public SessionEndpoints(Directory directory, Sessions sessions, Counters counters) {
    this.directory = directory;
    this.sessions = sessions;
    this.counters = counters;
  }

  /**
   * {@code GET /user_management/sessions/logout?session_id=…&return_to=…}: ends the session and
   * sends the browser to {@code return_to} when the client allows it (a logout URL or loopback),
   * else to the client's homepage. An unknown or already ended session still redirects: a user
   * pressing "log out" twice must not land on an error.
   */
  public Response logout(Request r) {
    String sessionId = r.query("session_id").orElseThrow(() -> ApiException.missingFields(List.of("session_id")));
    counters.increment("logout");
    Optional<AuthSession> session = sessions.find(sessionId);
    session.ifPresent(s -> sessions.end(s.id()));
    Client client = session.flatMap(s -> directory.client(s.clientId())).orElse(directory.defaultClient());
    String returnTo = r.query("return_to").orElse(null);
    if (returnTo != null && client.allowsLogoutUri(returnTo)) {
      return Response.redirect(returnTo);
    }
    return Response.redirect(client.homepage());
  }

  /** {@code POST /user_management/sessions/revoke} with {@code {"session_id": …}}. */
  public Response revoke(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    String sessionId = r.param("session_id").orElseThrow(() -> ApiException.missingFields(List.of("session_id")));
    if (!sessions.end(sessionId)) {
      throw ApiException.notFound("Session not found: " + sanitize(sessionId));
    }
    counters.increment("revoke");
    return Response.json(200, Json.createObjectBuilder().build());
  }

  /** Echo ids only in a safe, bounded form. */
  static String sanitize(String id) {
    String cleaned = id.replaceAll("[^A-Za-z0-9_-]", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
  }
}
