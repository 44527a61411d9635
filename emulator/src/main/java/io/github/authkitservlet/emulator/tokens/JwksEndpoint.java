package io.github.authkitservlet.emulator.tokens;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import jakarta.json.Json;
import java.io.StringReader;

/** {@code GET /sso/jwks/{client_id}}: the public signing keys, with {@code x5c} and {@code x5t#S256}. */
public final class JwksEndpoint {

  private final Directory directory;
  private final SigningKeys keys;
  private final Counters counters;

  public JwksEndpoint(Directory directory, SigningKeys keys, Counters counters) {
    this.directory = directory;
    this.keys = keys;
    this.counters = counters;
  }

  public Response jwks(Request r) {
    if (directory.client(r.pathParam("client_id")).isEmpty()) {
      throw ApiException.notFound("No client with this id.");
    }
    counters.increment("jwks");
    String json = keys.publicJwks().toString(true);
    try (var reader = Json.createReader(new StringReader(json))) {
      return Response.json(200, reader.readObject());
    }
  }
}
