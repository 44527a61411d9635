package io.github.authkitservlet.sample.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * One visitor of the sample over real HTTP: keeps cookies like a browser, follows redirects only when
 * asked (so tests can look at each hop), and fills in the emulator's hosted sign-in form.
 */
final class Visitor {

  private static final int MAX_REDIRECTS = 10;

  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new BrowserCookies())
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** One HTTP response, with the URI it answered. */
  record Page(URI uri, int status, java.net.http.HttpHeaders headers, String body) {

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    URI location() {
      String location = header("Location").orElseThrow(() -> new AssertionError(
          "expected a redirect from " + uri + " but got " + status));
      return uri.resolve(location);
    }

    boolean isRedirect() {
      return status >= 300 && status < 400 && header("Location").isPresent();
    }

    Document html() {
      return Jsoup.parse(body, uri.toString());
    }

    /** Visible text of an HTML element by id, or fails naming what the page was. */
    String text(String id) {
      Element element = html().getElementById(id);
      assertNotNull(element, "no element #" + id + " on " + uri + " (" + status + "):\n" + body);
      return element.text();
    }
  }

  Page get(URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  Page post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
    String body = form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  /** GET, then follow every redirect; returns all hops, the final page last. */
  List<Page> open(URI uri) throws IOException, InterruptedException {
    return follow(get(uri));
  }

  List<Page> follow(Page first) throws IOException, InterruptedException {
    List<Page> hops = new ArrayList<>(List.of(first));
    Page page = first;
    while (page.isRedirect()) {
      if (hops.size() > MAX_REDIRECTS) {
        fail("redirect loop: " + hops.stream().map(p -> p.status() + " " + p.uri()).toList());
      }
      page = get(page.location());
      hops.add(page);
    }
    return hops;
  }

  static Page last(List<Page> hops) {
    return hops.get(hops.size() - 1);
  }

  /**
   * From the emulator's hosted sign-in page: fills in email and password, submits, picks the first
   * organization if asked, and follows the redirects back into the application.
   */
  List<Page> signInOn(Page signInPage, String email, String password) throws IOException, InterruptedException {
    return submitOn(signInPage, Map.of("email", email, "password", password), "sign-in");
  }

  /**
   * Fills in the form that holds {@code #email} on one of the emulator's hosted pages, presses the
   * button {@code #buttonId}, picks the first organization if asked, and follows the redirects.
   */
  List<Page> submitOn(Page hostedPage, Map<String, String> values, String buttonId)
      throws IOException, InterruptedException {
    Document html = hostedPage.html();
    assertNotNull(html.getElementById("email"), "not one of the emulator's hosted pages: " + hostedPage.uri()
        + "\n" + hostedPage.body());
    FormElement form = formOf(html, "email");
    Map<String, String> fields = fieldsOf(form);
    fields.putAll(values);
    pressed(html, buttonId, fields);
    List<Page> hops = follow(post(URI.create(form.absUrl("action")), fields));
    Page landed = last(hops);
    Element organization = landed.html().selectFirst("input[name=organization_id]");
    if (organization != null) {
      FormElement chooser = formOf(landed.html(), null);
      Map<String, String> choice = fieldsOf(chooser);
      choice.put("organization_id", organization.val());
      pressed(landed.html(), "continue", choice);
      hops.addAll(follow(post(URI.create(chooser.absUrl("action")), choice)));
    }
    return hops;
  }

  /** Starts at a page of the sample that needs a session and signs in; returns every hop. */
  List<Page> signIn(URI protectedPage, String email, String password) throws IOException, InterruptedException {
    Page signInPage = last(open(protectedPage));
    return signInOn(signInPage, email, password);
  }

  private static FormElement formOf(Document html, String fieldId) {
    Element form = fieldId == null ? html.selectFirst("form")
        : html.getElementById(fieldId).closest("form");
    assertTrue(form instanceof FormElement, "no form on the page:\n" + html.outerHtml());
    return (FormElement) form;
  }

  /** A browser sends the name and value of the submit button that was pressed. */
  private static void pressed(Document html, String buttonId, Map<String, String> fields) {
    Element button = html.getElementById(buttonId);
    assertNotNull(button, "no button #" + buttonId + " on\n" + html.outerHtml());
    if (button.hasAttr("name")) {
      fields.put(button.attr("name"), button.val());
    }
  }

  private static Map<String, String> fieldsOf(FormElement form) {
    Map<String, String> fields = new LinkedHashMap<>();
    form.formData().forEach(field -> fields.put(field.key(), field.value()));
    return fields;
  }

  private Page send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Page(request.uri(), response.statusCode(), response.headers(), response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
