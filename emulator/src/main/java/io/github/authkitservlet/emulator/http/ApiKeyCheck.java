package io.github.authkitservlet.emulator.http;

import java.util.function.Predicate;

/** The API-key check of WorkOS's management endpoints ({@code Authorization: Bearer sk_…}). */
public final class ApiKeyCheck {

  private ApiKeyCheck() {
  }

  /** Refuses the request with WorkOS's 401 unless it carries one of the application's API keys. */
  public static void require(Request r, Predicate<String> isApiKey) {
    String key = r.bearerToken().orElse(null);
    if (key == null || !isApiKey.test(key)) {
      // The message never repeats the key that was sent.
      throw ApiException.api(401, "unauthorized", "Missing or invalid API key (Authorization: Bearer sk_...).");
    }
  }
}
