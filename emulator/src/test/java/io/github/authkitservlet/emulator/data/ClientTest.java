package io.github.authkitservlet.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which redirect and logout URIs a client accepts: a table of allowed and refused inputs. */
class ClientTest {

  private final Client defaultClient = SeedReader.defaultClient();
  private final Client exact = new Client("client_app", List.of("sk_test_app"),
      List.of("https://app.example.com/callback"), List.of("https://app.example.com/bye"),
      "https://app.example.com/", null);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "http://localhost:8080/callback, true",
      "http://localhost:1/, true",
      "http://localhost:65535/a/b?x=1, true",
      "http://127.0.0.1:3000/auth/callback, true",
      "http://LOCALHOST:8080/callback, true",
      "http://localhost:8080, true",
      "http://localhost/callback, false",
      "https://localhost:8443/callback, false",
      "http://localhost:123456/callback, false",
      "http://localhost:8080@evil.example/, false",
      "http://evil.example/?http://localhost:8080/, false",
      "http://localhost.evil.example:8080/, false",
      "http://localhost:8080/cb#fragment, false",
      "http://user@localhost:8080/cb, false",
      "'http://localhost:8080/a b', false",
      "javascript:alert(1), false",
      "//localhost:8080/cb, false",
      "/callback, false",
      "'', false",
  })
  void defaultClientAcceptsAnyLoopbackPort(String uri, boolean allowed) {
    assertEquals(allowed, defaultClient.allowsRedirectUri(uri));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "https://app.example.com/callback, true",
      "https://app.example.com/callback/, false",
      "https://app.example.com/callback?x=1, false",
      "https://APP.example.com/callback, false",
      "http://app.example.com/callback, false",
      "http://localhost:8080/callback, false",
  })
  void seededClientAcceptsExactlyItsRedirectUris(String uri, boolean allowed) {
    assertEquals(allowed, exact.allowsRedirectUri(uri));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "https://app.example.com/bye, true",
      "http://localhost:3000/signed-out, true",
      "http://127.0.0.1/, true",
      "https://evil.example/, false",
      "//evil.example/, false",
      "https://app.example.com/bye#x, false",
  })
  void logoutGoesToLogoutUrisOrLoopback(String uri, boolean allowed) {
    assertEquals(allowed, exact.allowsLogoutUri(uri));
  }
}
