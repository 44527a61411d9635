package io.github.authkitservlet.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** A long table of hostile and allowed return paths, in the style of Shiro's InvalidRequestFilterTest. */
class ReturnPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "/",
      "/dashboard",
      "/dashboard/",
      "/reports/2026/q3",
      "/reports?year=2026",
      "/reports?year=2026&quarter=3",
      "/search?q=a+b",
      "/search?q=a%20b",
      "/search?q=%2F%2Fnot-a-host",
      "/search?q=a%5Cb",
      "/search?next=https://evil.example",
      "/search?next=//evil.example",
      "/a/b/c.html",
      "/a/b/c.html#section",
      "/a;jsessionid=ABC",
      "/caf%C3%A9",
      "/files/100%25",
      "/files/100%25/report",
      "/~user/home",
      "/a-b_c.d~e",
      "/app/",
      "/app/index.jsp",
      "/api/items/42",
      "/http://evil.example",
      "/https:/evil.example",
      "/.well-known/openid",
      "/a/../b",
      "/./a",
      "/a//b",
      "/a/%2F/b",
      "/x?redirect=%2F%2Fevil",
      "/x?a=%E2%9C%93",
      "/%7Euser",
      "/a/b?c=d/e",
      "/?",
      "/#",
      "/a@b",
      "/a:b",
      "/a!$&'()*+,;=b",
  })
  void keepsSameOriginRelativePaths(String path) {
    assertEquals(path, ReturnPaths.sanitize(path));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      // Other hosts, one way or another.
      "//evil.example",
      "//evil.example/path",
      "///evil.example",
      "////evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "\\/evil.example",
      "https://evil.example",
      "http://evil.example/",
      "HTTPS://evil.example",
      "//evil.example:443",
      "//user@evil.example",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "mailto:a@b",
      "evil.example",
      "evil.example/path",
      "dashboard",
      "./dashboard",
      "../dashboard",
      "?a=b",
      "#frag",
      " /dashboard",
      "\t/dashboard",
      // Backslashes anywhere in the raw text.
      "/a\\b",
      "/dashboard\\",
      "/dashboard?x=\\",
      // Whitespace and control characters.
      "/dash board",
      "/dashboard\t",
      "/\t/evil.example",
      "/dashboard\r\nSet-Cookie: a=b",
      "/dashboard\nLocation: https://evil",
      "/dashboard\r",
      "/dashboard\u0000",
      "/dashboard\u0007",
      "/dashboard\u007f",
      "/\u0000/evil.example",
      // Encoded: slashes, backslashes, CR/LF, controls.
      "/%2F/evil.example",
      "/%2f/evil.example",
      "/%2F%2Fevil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "/%5cevil.example",
      "/%5C%5Cevil.example",
      "/a%5Cb",
      "/%2F%5Cevil.example",
      "/%252F/evil.example",
      "/%252F%252Fevil.example",
      "/%25252F/evil.example",
      "/%2525252F/evil.example",
      "/%255Cevil.example",
      "/dashboard%0d%0aSet-Cookie:%20a=b",
      "/dashboard%0D%0ALocation:%20https://evil",
      "/dashboard%0a",
      "/dashboard%0d",
      "/dashboard%00",
      "/dashboard%09",
      "/dashboard%7F",
      "/dashboard%250d%250a",
      "/dashboard?x=%0d%0aSet-Cookie:a=b",
      "/dashboard#%0d%0a",
      // Broken encodings.
      "/%",
      "/%2",
      "/%zz",
      "/%G0",
      "/a%",
      "/%C3%28",
      "/%FF",
      "/%ED%A0%80",
      "/%C0%AF",
      "/%E0%80%AF",
      // Unicode look-alikes and non-ASCII.
      "／／evil.example",
      "/／evil.example",
      "／evil.example",
      "/\uFF0F/evil.example",
      "/\u2215\u2215evil.example",
      "/\u2044evil.example",
      "/．．/admin",
      "/\uFF3Cevil.example",
      "/\u29F5evil.example",
      "/café",
      "/\u200Bevil",
      "/\u202Eevil",
      "/\uFEFFevil",
      "/\u00A0evil",
      "/\u2028evil",
      "/\u2029evil",
      "/\u0085evil",
      "/\uD800",
      "/\uDC00",
  })
  void rejectsEverythingElse(String hostile) {
    assertEquals("/", ReturnPaths.sanitize(hostile));
  }

  static Stream<String> generatedHostile() {
    List<String> hosts = List.of("evil.example", "127.0.0.1", "[::1]", "evil.example:8443", "user:pass@evil.example");
    List<String> prefixes = List.of("//", "///", "/\\", "\\\\", "\\/", "http://", "https://", "//\t", "/%2F", "/%5C",
        "%2F%2F", "/%2F%2F", "/%252F", "/%5C%5C", "//%09", "/\u3000/", "／／", "ftp://", "//\\");
    List<String> suffixes = List.of("", "/", "/path", "?q=1", "#f", "/a/b?c=d#e");
    List<String> out = new ArrayList<>();
    for (String prefix : prefixes) {
      for (String host : hosts) {
        for (String suffix : suffixes) {
          out.add(prefix + host + suffix);
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("generatedHostile")
  void rejectsEveryCombinationOfHostPrefixHostAndSuffix(String hostile) {
    assertEquals("/", ReturnPaths.sanitize(hostile));
  }

  @Test
  void boundsTheLength() {
    String max = "/" + "a".repeat(ReturnPaths.MAX_LENGTH - 1);
    assertEquals(max, ReturnPaths.sanitize(max));
    assertEquals("/", ReturnPaths.sanitize(max + "a"));
    assertEquals("/", ReturnPaths.sanitize("/" + "a".repeat(10 * 1024)));
    assertEquals("/", ReturnPaths.sanitize("/?q=" + "%2F".repeat(4000)));
  }

  @Test
  void rejectsDeepNestingOfPercentEncoding() {
    // Up to three layers of encoding are decoded and checked; deeper nesting is refused outright.
    assertEquals("/a%252541", ReturnPaths.sanitize("/a%252541"));
    assertEquals("/", ReturnPaths.sanitize("/a%2525252541"));
    assertEquals("/", ReturnPaths.sanitize("/%25252525252F/evil"));
  }
}
