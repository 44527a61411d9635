package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.ApiKeyCheck;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;

/** {@code GET /user_management/users/{id}}: the user object, for callers with an API key. */
public final class UsersEndpoint {

  private final Directory directory;
  private final Counters counters;

  public UsersEndpoint(Directory directory, Counters counters) {
    this.directory = directory;
    this.counters = counters;
  }

  public Response user(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    counters.increment("users.get");
    String id = r.pathParam("id");
    User user = directory.user(id)
        .orElseThrow(() -> ApiException.notFound("User not found: " + SessionEndpoints.sanitize(id)));
    return Response.json(200, WorkOSJson.user(user));
  }
}
