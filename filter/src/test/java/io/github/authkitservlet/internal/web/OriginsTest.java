package io.github.authkitservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

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
    assertEquals(encoded, Urls.encodePath(decoded));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "https://App.Example.com/callback | https://app.example.com",
      "https://app.example.com:443/x | https://app.example.com",
      "http://localhost:8080/callback | http://localhost:8080",
      "http://[::1]:8080/ | http://[::1]:8080",
  })
  void originsAreNormalised(String url, String origin) {
    assertEquals(Optional.of(origin), Urls.originOf(url));
  }

  @ParameterizedTest
  @CsvSource({"/relative", "null", "not a url", "mailto:a@example.com"})
  void somethingWithoutAnOriginHasNone(String url) {
    assertEquals(Optional.empty(), Urls.originOf(url));
  }
}
