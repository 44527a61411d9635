package io.github.authkitservlet.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternsTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      /login              | /login              | true
      /login              | /login/             | false
      /login              | /login/x            | false
      /login              | /loginx             | false
      /login              | /LOGIN              | false
      /login              | /                   | false
      /                   | /                   | true
      /                   | /index.html         | false
      /                   | /admin              | false
      /*                  | /                   | true
      /*                  | /anything/at/all    | true
      /public/*           | /public             | true
      /public/*           | /public/            | true
      /public/*           | /public/a           | true
      /public/*           | /public/a/b/c.css   | true
      /public/*           | /publicity          | false
      /public/*           | /publi              | false
      /public/*           | /admin/public/a     | false
      /public/*           | /Public/a           | false
      /a/b/*              | /a/b                | true
      /a/b/*              | /a/b/c              | true
      /a/b/*              | /a/bc               | false
      /a/b/*              | /a                  | false
      *.css               | /style.css          | true
      *.css               | /a/b/style.css      | true
      *.css               | /a/b/style.css/     | false
      *.css               | /style.CSS          | false
      *.css               | /stylecss           | false
      *.css               | /a.css/b            | false
      *.css               | /a.min.css          | true
      *.css               | /.css               | true
      *.css               | /a.cssx             | false
      /static/* *.js      | /app.js             | true
      /static/* *.js      | /static/x.png       | true
      /static/* *.js      | /app.jsx            | false
      /login,/callback    | /callback           | true
      /login,/callback    | /logout             | false
      """)
  void matchesLikeServletMappings(String patterns, String path, boolean expected) {
    assertEquals(expected, PathPatterns.parse(patterns).matches(path));
  }

  @Test
  void parsesCommasWhitespaceAndNewlines() {
    PathPatterns patterns = PathPatterns.parse(" /a,/b/*\n\t*.css ,, /c ");
    assertEquals(List.of("/a", "/b/*", "*.css", "/c"), patterns.patterns());
    assertEquals("/a /b/* *.css /c", patterns.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", " , ,\n"})
  void blankTextMatchesNothing(String text) {
    PathPatterns patterns = PathPatterns.parse(text);
    assertTrue(patterns.isEmpty());
    assertFalse(patterns.matches("/"));
    assertFalse(patterns.matches("/anything"));
  }

  @Test
  void nullMatchesNothing() {
    assertTrue(PathPatterns.parse(null).isEmpty());
    assertFalse(PathPatterns.none().matches("/"));
    assertFalse(PathPatterns.parse("/*").matches(null));
    assertFalse(PathPatterns.parse("/*").matches(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "admin", "admin/*", "*", "**", "*.", "*.a/b", "*.a*", "*.tar.gz", "/a*", "/a/*/b", "/a/**", "/*/a",
      "/a/*.css", "//a", "/a//b", "/a/../b", "/./a", "/a/.", "/a/..", "/a;x", "/a?b", "/a#b", "/a%2Fb",
      "/a\\b", "/caf\u00e9", "/a\u0000", "http://example.com/a", "~/a",
  })
  void rejectsBadPatternsNamingThem(String bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathPatterns.parse("/ok " + bad));
    assertTrue(e.getMessage().contains(bad.replace("\u0000", "\\u0000")), e.getMessage());
    assertTrue(e.getMessage().contains("/exact, /prefix/*, *.ext or /"), e.getMessage());
  }

  @Test
  void rejectsAnEmptyPatternInAList() {
    assertThrows(IllegalArgumentException.class, () -> PathPatterns.of(List.of("/a", "")));
  }
}
