package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;

/** The API-key check of WorkOS's management endpoints ({@code Authorization: Bearer sk_…}). */
final class ApiKeys {

  private ApiKeys() {
  }

  static void require(Request r, Directory directory) {
    String key = r.bearerToken().orElse(null);
    if (key == null || !directory.isApiKey(key)) {
      // The message never repeats the key that was sent.
      throw ApiException.api(401, "unauthorized", "Missing or invalid API key (Authorization: Bearer sk_...).");
    }
  }
}
