package io.github.authkitservlet.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "https://App.Example.com/callback | https://app.example.com",
      "https://app.example.com:443/x | https://app.example.com",
      "http://localhost:8080/callback | http://localhost:8080",
      "http://[::1]:8080/ | http://[::1]:8080",
  })
  void originsAreNormalised(String url, String origin) {
    assertEquals(Optional.of(origin), Origins.of(url));
  }

  @ParameterizedTest
  @CsvSource({"/relative", "null", "not a url", "mailto:a@example.com"})
  void somethingWithoutAnOriginHasNone(String url) {
    assertEquals(Optional.empty(), Origins.of(url));
  }
}
