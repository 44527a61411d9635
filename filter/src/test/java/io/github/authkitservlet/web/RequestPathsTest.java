package io.github.authkitservlet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
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
}
