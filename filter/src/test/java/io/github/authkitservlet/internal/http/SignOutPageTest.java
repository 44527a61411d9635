package io.github.authkitservlet.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignOutPageTest {

  @Test
  void asksWithAButtonThatPostsToTheLogoutServlet() throws Exception {
    var response = new RecordingResponse();
    SignOutPage.write(response.proxy(), "/app/logout", "/app/");
    assertEquals(200, response.status());
    assertEquals("text/html;charset=UTF-8", response.contentType());
    assertEquals(List.of("no-store"), response.headers("Cache-Control"));
    assertEquals(List.of("DENY"), response.headers("X-Frame-Options"));
    assertTrue(response.headers("Content-Security-Policy").get(0).contains("frame-ancestors 'none'"));
    String html = response.body();
    assertTrue(html.contains("<form method=\"post\" action=\"/app/logout\"><button type=\"submit\" id=\"sign-out\">"), html);
    assertTrue(html.contains("<a id=\"stay\" href=\"/app/\">Stay signed in</a>"), html);
  }

  @Test
  void escapesWhatItIsGiven() {
    String html = SignOutPage.render("/a\"><script>x</script>", "/\"'<");
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("action=\"/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), html);
  }
}
