package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.HostedPageForm;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scripted browser over java.net.http: never follows redirects on its own, keeps cookies per
 * origin the way a browser would (Max-Age=0 deletes), and can fill the emulator's sign-in form.
 */
final class Browser {

  static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final HttpClient http;
  private final Map<String, Map<String, String>> cookiesByOrigin = new LinkedHashMap<>();
  /** Every cookie value ever received, so tests can check none of them reached a log. */
  private final java.util.Set<String> seenValues = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Browser(HttpClient http) {
    this.http = http;
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A GET as a page navigation. */
  HttpResponse<String> page(URI url) {
    return send(HttpRequest.newBuilder(url).header("Accept", HTML).GET());
  }

  /** A GET as fetch()/XHR wanting JSON. */
  HttpResponse<String> api(URI url) {
    return send(HttpRequest.newBuilder(url).header("Accept", "application/json").GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    String cookieHeader = cookieHeader(built.uri());
    if (!cookieHeader.isEmpty()) {
      built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", cookieHeader).build();
    }
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      remember(built.uri(), response.headers().allValues("Set-Cookie"));
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("request to " + built.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Follows redirects like a browser until a non-redirect answer; returns it. */
  HttpResponse<String> follow(HttpResponse<String> response) {
    int hops = 0;
    while (isRedirect(response.statusCode())) {
      assertTrue(++hops < 10, "redirect loop: " + response.uri());
      response = page(location(response));
    }
    return response;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307;
  }

  static URI location(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location on " + response.statusCode() + " " + response.uri()));
    return response.uri().resolve(location);
  }

  /** The decoded value of the query parameter {@code name} of {@code uri}; fails the test when absent. */
  static String queryParam(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }

  /**
   * On the emulator's sign-in page: submits the credentials (and picks the first organization if
   * asked). Returns the emulator's redirect to the application's callback, not yet followed.
   */
  HttpResponse<String> submitSignIn(HttpResponse<String> signInPage, String email, String password) {
    assertEquals(200, signInPage.statusCode(), signInPage.body());
    HostedPageForm form = HostedPageForm.of(signInPage.body(), signInPage.uri());
    HttpResponse<String> answer = post(form.action(),
        form.with(Map.of("email", email, "password", password, "action", "sign-in")));
    if (answer.statusCode() == 200 && answer.body().contains("organization_id")) {
      HostedPageForm picker = HostedPageForm.of(answer.body(), answer.uri());
      assertTrue(picker.isOrganizationPicker(), answer.body());
      answer = post(picker.action(), picker.with(Map.of("organization_id", picker.organizationIds().get(0))));
    }
    assertTrue(isRedirect(answer.statusCode()), "sign-in did not redirect: " + answer.statusCode() + answer.body());
    return answer;
  }

  HttpResponse<String> post(URI url, Map<String, String> form) {
    String body = HostedPageForm.encode(form);
    return send(HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", HTML)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Optional<String> cookie(URI origin, String name) {
    return Optional.ofNullable(cookiesByOrigin.getOrDefault(originOf(origin), Map.of()).get(name));
  }

  void setCookie(URI origin, String name, String value) {
    cookiesByOrigin.computeIfAbsent(originOf(origin), k -> new LinkedHashMap<>()).put(name, value);
  }

  void removeCookie(URI origin, String name) {
    cookiesByOrigin.getOrDefault(originOf(origin), new LinkedHashMap<>()).remove(name);
  }

  Map<String, String> cookies(URI origin) {
    return Map.copyOf(cookiesByOrigin.getOrDefault(originOf(origin), Map.of()));
  }

  java.util.Set<String> seenCookieValues() {
    return java.util.Set.copyOf(seenValues);
  }

  static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  /** The Set-Cookie line for {@code name} in a response, if any. */
  static Optional<String> setCookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
  }

  static List<String> setCookies(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie");
  }

  private void remember(URI uri, List<String> setCookies) {
    Map<String, String> jar = cookiesByOrigin.computeIfAbsent(originOf(uri), k -> new LinkedHashMap<>());
    for (String line : setCookies) {
      String pair = line.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (line.contains("Max-Age=0")) {
        jar.remove(name);
      } else {
        jar.put(name, value);
        seenValues.add(value);
      }
    }
  }

  private String cookieHeader(URI uri) {
    return cookiesByOrigin.getOrDefault(originOf(uri), Map.of()).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  private static String originOf(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }

}
