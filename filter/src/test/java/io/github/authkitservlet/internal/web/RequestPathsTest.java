package io.github.authkitservlet.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestPathsTest {

  @ParameterizedTest(name = "[{1}] {0} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      /                               |         | /
      /admin                          |         | /admin
      /admin/                         |         | /admin/
      /admin/reports                  |         | /admin/reports
      /admin;jsessionid=1             |         | /admin
      /admin;jsessionid=1/reports     |         | /admin/reports
      /admin/;x=1                     |         | /admin/
      /;x=1/admin                     |         | /admin
      /public/../admin                |         | /admin
      /public;x=1/../admin            |         | /admin
      /public/..;x=1/admin            |         | /admin
      /public/%2e%2e/admin            |         | /admin
      /public/%2E%2E/admin            |         | /admin
      /public/.%2e/admin              |         | /admin
      /public/./../admin              |         | /admin
      /public/x/../../admin           |         | /admin
      /%61dmin                        |         | /admin
      /%41dmin                        |         | /Admin
      /adm%69n/                       |         | /admin/
      //admin                         |         | /admin
      ///admin//reports//             |         | /admin/reports/
      /./admin                        |         | /admin
      /admin/.                        |         | /admin/
      /admin/x/..                     |         | /admin/
      /a/b/c/../../d                  |         | /a/d
      /public/a.css                   |         | /public/a.css
      /caf%C3%A9                      |         | /café
      /a%20b                          |         | /a b
      /a+b                            |         | /a+b
      /a%2Bb                          |         | /a+b
      /a%25b                          |         | /a%b
      /a%252Fb                        |         | /a%2Fb
      /admin?x=/public/..             |         | /admin
      /public?../../admin             |         | /public
      /admin#/public                  |         | /admin
      /app                            | /app    | /
      /app/                           | /app    | /
      /app/admin                      | /app    | /admin
      /app/public/../admin            | /app    | /admin
      /app;jsessionid=1/admin         | /app    | /admin
      /app/admin;jsessionid=1         | /app    | /admin
      /%61pp/admin                    | /app    | /admin
      /app//admin                     | /app    | /admin
      /app/admin                      | /       | /app/admin
      /app/admin                      | ''      | /app/admin
      /shop/app/x                     | /shop/app | /x
      """)
  void normalises(String uri, String contextPath, String expected) {
    assertEquals(Optional.of(expected), RequestPaths.normalize(uri, contextPath == null ? "" : contextPath));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "admin", "*", "http://example.com/admin", "/..", "/../admin", "/a/../../admin", "/%2e%2e/admin",
      "/public/..%2Fadmin", "/public%2F..%2Fadmin", "/public/%2F/admin", "/a%2fb", "/a%5Cb", "/a%5cb",
      "/a\\b", "/public\\..\\admin", "/a%00b", "/a%0Ab", "/a%0d%0ab", "/a%09b", "/a%7Fb", "/a\u0000b",
      "/a\tb", "/a b", "/a\nb", "/%", "/%2", "/%zz", "/a%G1", "/%C3%28", "/%FF", "/%C0%AF", "/%ED%A0%80",
      "/caf\u00e9", "/\uFF0Fadmin", "/．．/admin",
  })
  void rejects(String uri) {
    assertEquals(Optional.empty(), RequestPaths.normalize(uri, ""), uri);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/other/admin", "/application/admin", "/ap", "/app/../other", "/app/..", "/APP/admin"})
  void rejectsPathsOutsideTheContext(String uri) {
    assertEquals(Optional.empty(), RequestPaths.normalize(uri, "/app"), uri);
  }

  @Test
  void rejectsNullAndHugeUris() {
    assertEquals(Optional.empty(), RequestPaths.normalize(null, ""));
    assertEquals(Optional.empty(), RequestPaths.normalize("/" + "a".repeat(10_000), ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/public/../admin", "/public;x=1/../admin", "/admin;jsessionid=1", "/%61dmin", "/public/%2e%2e/admin",
      "//admin", "/./admin", "/public/./../admin/", "/admin/reports", "/public/..;/admin",
  })
  void cannotEscapeAProtectedPatternIntoAPublicOne(String uri) {
    PathPatterns publicPaths = PathPatterns.parse("/public/* *.css /login");
    PathPatterns protectedPaths = PathPatterns.parse("/admin/*");
    String path = RequestPaths.normalize(uri, "").orElseThrow();
    assertFalse(publicPaths.matches(path), uri + " -> " + path + " must not be public");
    assertEquals(true, protectedPaths.matches(path), uri + " -> " + path + " must stay protected");
  }

  // The fast path: a path that normalisation would not change is returned without the full work.

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /                         | true
      /admin                    | true
      /admin/                   | true
      /app/static/css/site.css  | true
      /a+b/c-d_e~f!$&()*,:=@    | true
      /...                      | true
      /a/.../b                  | true
      /.well-known/x            | true
      /a/..b/c.                 | true
      /a/b..                    | true
      admin                     | false
      //admin                   | false
      /admin//reports           | false
      /admin;jsessionid=1       | false
      /%61dmin                  | false
      /a\\b                     | false
      /admin?x=1                | false
      /admin#top                | false
      /./admin                  | false
      /public/../admin          | false
      /admin/.                  | false
      /admin/x/..               | false
      /.                        | false
      /..                       | false
      """)
  void takesTheFastPathOnlyForPathsThatAreAlreadyNormal(String path, boolean normal) {
    assertEquals(normal, RequestPaths.isAlreadyNormal(path), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a b", "/a\tb", "/caf\u00e9", "/a\u0000b", "/a\u007fb", ""})
  void takesTheFullPathForWhatItMustReject(String path) {
    assertFalse(RequestPaths.isAlreadyNormal(path), path);
  }

  /** Every URI of the tables above, plus already-normal ones, in every kind of context. */
  static final List<String> SAMPLE_URIS = List.of(
      "/", "/admin", "/admin/", "/admin/reports", "/admin;jsessionid=1", "/public/../admin", "/public;x=1/../admin",
      "/public/%2e%2e/admin", "/%61dmin", "//admin", "///admin//reports//", "/./admin", "/admin/.", "/admin/x/..",
      "/public/a.css", "/caf%C3%A9", "/a+b", "/a%25b", "/admin?x=/public/..", "/admin#/public", "/app", "/app/",
      "/app/admin", "/app/public/../admin", "/app;jsessionid=1/admin", "/%61pp/admin", "/app//admin",
      "/application/admin", "/ap", "/app/..", "/APP/admin", "/shop/app/x", "/..", "/../admin", "/a%2fb", "/a\\b",
      "/a b", "/caf\u00e9", "/%zz", "/...", "/.well-known/x", "/app/.../x", "/app/static/css/site.css", "admin");
  static final List<String> SAMPLE_CONTEXTS = List.of("", "/", "/app", "/app/", "/%61pp", "/shop/app", "/ap", "/APP");

  @Test
  void theFastPathAgreesWithTheFullWorkOnTheTables() {
    for (String context : SAMPLE_CONTEXTS) {
      for (String uri : SAMPLE_URIS) {
        assertEquals(RequestPaths.normalizeFully(uri, context), RequestPaths.normalize(uri, context),
            "uri " + uri + " in context '" + context + "'");
      }
    }
  }

  @Test
  void theFastPathAgreesWithTheFullWorkOnRandomPaths() {
    // Paths built from the characters that matter to normalisation, so dot segments, doubled
    // slashes, parameters and escapes come up often; the seed is fixed so a failure can be replayed.
    String[] pieces = {"/", "/", "/", "a", "b", "app", ".", "..", ";x=1", "%2e", "%61", "%2F", "\\", "?q", "#f",
        " ", "\u00e9", "+", "~", "..."};
    Random random = new Random(20261128L);
    int fastPathsSeen = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder uri = new StringBuilder(n % 7 == 0 ? "" : "/");
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        uri.append(pieces[random.nextInt(pieces.length)]);
      }
      String context = SAMPLE_CONTEXTS.get(random.nextInt(SAMPLE_CONTEXTS.size()));
      String text = uri.toString();
      if (RequestPaths.isAlreadyNormal(text)) {
        fastPathsSeen++;
      }
      assertEquals(RequestPaths.normalizeFully(text, context), RequestPaths.normalize(text, context),
          "uri " + text + " in context '" + context + "'");
    }
    assertTrue(fastPathsSeen > 1_000, "the sample exercises the fast path (" + fastPathsSeen + " of 20000)");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/dashboard | /dashboard",
      "/a b/c | /a%20b/c",
      "/x?y#z | /x%3Fy%23z",
      "/x;jsessionid=1 | /x%3Bjsessionid=1",
      "/100% | /100%25",
      "/caf\u00e9 | /caf%C3%A9",
      "/a\\b | /a%5Cb",
      "/keep-._~!$&'()*+,=:@ | /keep-._~!$&'()*+,=:@",
  })
  void aDecodedPathIsWrittenBackSoItMeansTheSame(String decoded, String encoded) {
    assertEquals(encoded, RequestPaths.encode(decoded));
  }

}
