package io.github.authkitservlet.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPageTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<script>alert(1)</script>|&lt;script&gt;alert(1)&lt;/script&gt;",
      "\"><img src=x onerror=alert(1)>|&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
      "it's & done|it&#39;s &amp; done",
      "plain text|plain text",
  })
  void escapesMarkup(String input, String expected) {
    assertEquals(expected, ErrorPage.escape(input));
  }

  @Test
  void escapeReplacesControlCharactersAndAcceptsNull() {
    assertEquals("a b", ErrorPage.escape("a\u0000b"));
    assertEquals("", ErrorPage.escape(null));
  }

  @Test
  void pageShowsStatusEscapedTextAndTryAgainLink() throws Exception {
    var response = new RecordingResponse();
    ErrorPage.write(response.proxy(), 400, "Sign-in did not complete",
        "WorkOS reported: <b>access_denied</b>", "/app/login?x=\"1\"");
    String html = response.body();
    assertEquals(400, response.status());
    assertEquals("text/html;charset=UTF-8", response.contentType());
    assertEquals(List.of("no-store"), response.headers("Cache-Control"));
    assertEquals(List.of("Cookie"), response.headers("Vary"));
    assertTrue(html.contains("<h1>Sign-in did not complete</h1>"), html);
    assertTrue(html.contains("WorkOS reported: &lt;b&gt;access_denied&lt;/b&gt;"), html);
    assertFalse(html.contains("<b>"), html);
    assertTrue(html.contains("<a id=\"try-again\" href=\"/app/login?x=&quot;1&quot;\">Try again</a>"), html);
    assertTrue(html.contains("Error 400"), html);
  }

  @Test
  void pageWithoutLinkHasNoAnchor() {
    assertFalse(ErrorPage.render(503, "Down", "later", null).contains("<a "));
  }

  @Test
  void noStoreAddsVaryOnce() {
    var response = new RecordingResponse();
    NoStore.apply(response.proxy());
    NoStore.apply(response.proxy());
    assertEquals(List.of("Cookie"), response.headers("Vary"));
    assertEquals(List.of("no-store"), response.headers("Cache-Control"));
  }

  @Test
  void jsonErrorIsWrittenWithJsonB() throws Exception {
    var response = new RecordingResponse();
    try (var json = new JsonResponses()) {
      json.error(response.proxy(), 401, "unauthenticated", "Sign in \"first\"");
    }
    assertEquals(401, response.status());
    assertEquals("application/json;charset=UTF-8", response.contentType());
    assertEquals("{\"error\":\"unauthenticated\",\"message\":\"Sign in \\\"first\\\"\"}", response.body());
  }
}
