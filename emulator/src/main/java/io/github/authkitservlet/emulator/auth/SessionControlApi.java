package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import java.time.Clock;
import java.util.List;

/**
 * The control API's sessions. {@code POST /_emulate/sessions} signs a seeded user in without the
 * hosted page and answers exactly what {@code POST /user_management/authenticate} answers after
 * sign-in, with a real session behind it (refresh, revoke and logout work on it).
 * {@code POST /_emulate/sessions/{id}/revoke} ends a session as if someone revoked it in the
 * WorkOS dashboard.
 */
public final class SessionControlApi {

  private final Directory directory;
  private final Sessions sessions;
  private final SessionTokens sessionTokens;
  private final Clock clock;

  public SessionControlApi(Directory directory, Sessions sessions, SessionTokens sessionTokens, Clock clock) {
    this.directory = directory;
    this.sessions = sessions;
    this.sessionTokens = sessionTokens;
    this.clock = clock;
  }

  public void register(Router router) {
    router.post("/_emulate/sessions", this::create)
        .post("/_emulate/sessions/{id}/revoke", this::revoke);
  }

  /**
   * Signs in the user with this {@code email} or {@code userId} for the default client, in
   * {@code organizationId} or, without one, in the user's first active membership (if any).
   *
   * @throws ApiException 404 for an unknown user, 422 for a missing user or an organization the
   *     user is not an active member of
   */
  public SessionTokens.Issued issue(String email, String userId, String organizationId) {
    if (email == null && userId == null) {
      throw ApiException.missingFields(List.of("email"));
    }
    User user = ControlApiUsers.user(directory, email, userId);
    String org = organizationId;
    if (org == null) {
      org = directory.memberships(user.id()).stream().findFirst().map(Membership::organizationId).orElse(null);
    } else {
      ControlApiUsers.requireActiveMember(directory, user.id(), org);
    }
    return sessionTokens.signIn(new Sessions.Start(user.id(), org, directory.defaultClient().clientId(),
        user.impersonator(), null, null));
  }

  private Response create(Request r) {
    return Response.json(200, issue(r.param("email").orElse(null), r.param("user_id").orElse(null),
        r.param("organization_id").orElse(null)).body());
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
