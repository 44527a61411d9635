package io.github.authkitservlet.sample.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "Ada Lovelace                     | Ada Lovelace",
      "<script>alert(1)</script>        | &lt;script&gt;alert(1)&lt;/script&gt;",
      "`\"><img src=x onerror=alert(1)>` | &quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
      "O'Brien & Sons                   | O&#39;Brien &amp; Sons",
  })
  void escapesTextForHtml(String input, String expected) {
    assertEquals(expected, Html.text(input));
  }

  @Test
  void joinsCollectionsAndEscapesEachItem() {
    assertEquals("reports:read, a&lt;b", Html.text(List.of("reports:read", "a<b")));
  }

  @Test
  void showsNothingAsNone() {
    assertEquals("(none)", Html.text(null));
    assertEquals("(none)", Html.text(""));
    assertEquals("(none)", Html.text(List.of()));
  }
}
