package io.github.authkitservlet.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives the emulator's hosted pages the way a browser would, over plain HTTP: loads a page,
 * keeps its hidden fields, fills in the visible ones and submits the form. No redirects are
 * followed, so tests see the emulator's 302 to the application.
 */
final class HostedSignIn {

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** A page as the browser got it. */
  record Page(int status, String html, URI uri) {

    Map<String, String> hiddenFields() {
      return form().hiddenFields();
    }

    URI formAction() {
      return form().action();
    }

    private HostedPageForm form() {
      try {
        return HostedPageForm.of(html, uri);
      } catch (IllegalArgumentException e) {
        throw new AssertionError("no form on the page:\n" + html, e);
      }
    }
  }

  Page open(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Page(response.statusCode(), response.body(), response.uri());
  }

  /** Submits the page's form with its hidden fields plus {@code fields}; returns the raw answer. */
  HttpResponse<String> submit(Page page, Map<String, String> fields) throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(page.hiddenFields());
    all.putAll(fields);
    return post(page.formAction(), all);
  }

  HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(HostedPageForm.encode(fields)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in on the page at {@code authorizeUrl}; returns the Location the emulator redirects to. */
  String signIn(String authorizeUrl, String email, String password) throws IOException, InterruptedException {
    Page page = open(authorizeUrl);
    if (page.status() != 200) {
      throw new AssertionError("authorize page answered " + page.status() + ":\n" + page.html());
    }
    HttpResponse<String> answer = submit(page, Map.of("email", email, "password", password, "action", "sign-in"));
    if (answer.statusCode() != 302) {
      throw new AssertionError("sign-in answered " + answer.statusCode() + ":\n" + answer.body());
    }
    return answer.headers().firstValue("Location").orElseThrow();
  }

  static String queryParam(String url, String name) {
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
