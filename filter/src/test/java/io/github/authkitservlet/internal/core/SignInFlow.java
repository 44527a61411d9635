package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.authkitservlet.emulator.HostedPageForm;
import io.github.authkitservlet.internal.core.SignInLogic.SignInRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sign-in started by {@link SignInLogic} and walked on the emulator's hosted page: what the
 * browser then brings to the callback (the flow cookie, the state and the code).
 */
record SignInFlow(String flowCookieName, String flowCookieValue, String state, String code) {

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** Starts a sign-in to {@code returnTo} and signs {@code email} in on the hosted page. */
  static SignInFlow walk(CoreFixture fixture, String returnTo, String email) throws IOException, InterruptedException {
    return walk(fixture, returnTo, email, null);
  }

  /** The same, the sign-in link carrying the application's {@code customState}. */
  static SignInFlow walk(CoreFixture fixture, String returnTo, String email, String customState)
      throws IOException, InterruptedException {
    Decision start = fixture.core.signIn().start(
        new SignInRequest("http://localhost:8080", returnTo, null, null, null, null, customState, false, Map.of()), null, CoreFixture.SITE);
    Decision.Redirect toWorkOs = assertInstanceOf(Decision.Redirect.class, start);
    CookieChange.SetFlow flow = (CookieChange.SetFlow) toWorkOs.effects().cookies().stream()
        .filter(CookieChange.SetFlow.class::isInstance).findFirst().orElseThrow();
    URI authorize = URI.create(toWorkOs.location());
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    HostedPageForm form = HostedPageForm.of(page.body(), page.uri());
    HttpResponse<String> back = HTTP.send(HttpRequest.newBuilder(form.action())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(HostedPageForm.encode(
                form.with(Map.of("email", email, "password", "authkit-demo", "action", "sign-in")))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, back.statusCode(), back.body());
    Map<String, String> query = query(URI.create(back.headers().firstValue("Location").orElseThrow()));
    return new SignInFlow(flow.name(), flow.sealedValue(), query.get("state"), query.get("code"));
  }

  /** The browser's cookies: just the flow cookie. */
  Optional<String> cookie(String name) {
    return name.equals(flowCookieName) ? Optional.of(flowCookieValue) : Optional.empty();
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return values;
  }
}
