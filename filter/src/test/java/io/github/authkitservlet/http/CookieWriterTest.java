package io.github.authkitservlet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.config.AuthKitConfig;
import io.github.authkitservlet.config.CookieSecure;
import io.github.authkitservlet.config.SameSite;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CookieWriterTest {

  private static AuthKitConfig config(Optional<String> domain, SameSite sameSite, CookieSecure secure) {
    return new AuthKitConfig("sk_test_x", "client_x", "/callback", List.of("p".repeat(32)),
        URI.create("http://localhost:4100"), "wos-session", 34560000, domain, sameSite, secure,
        Optional.empty(), List.of("http://localhost:4100"), Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(30),
        10_000);
  }

  private static final AuthKitConfig DEFAULTS = config(Optional.empty(), SameSite.LAX, CookieSecure.AUTO);

  @Test
  void sessionCookieOnPlainHttpLoopbackIsNotSecure() throws Exception {
    var request = FakeRequest.get().host("localhost").contextPath("/app").build();
    assertEquals("wos-session=abc~2; Max-Age=34560000; Path=/app; HttpOnly; SameSite=Lax",
        new CookieWriter(DEFAULTS).sessionHeader(request, "abc~2"));
  }

  @Test
  void sessionCookieOnHttpsIsSecureAndRootContextUsesSlash() throws Exception {
    var request = FakeRequest.get().host("app.example.com").secure(true).contextPath("").build();
    assertEquals("wos-session=v; Max-Age=34560000; Path=/; Secure; HttpOnly; SameSite=Lax",
        new CookieWriter(DEFAULTS).sessionHeader(request, "v"));
  }

  @Test
  void domainAndSameSiteNoneForceSecureEvenOnLoopback() throws Exception {
    var writer = new CookieWriter(config(Optional.of("example.com"), SameSite.NONE, CookieSecure.NEVER));
    var request = FakeRequest.get().host("127.0.0.1").build();
    assertEquals("wos-session=v; Max-Age=34560000; Path=/; Domain=example.com; Secure; HttpOnly; SameSite=None",
        writer.sessionHeader(request, "v"));
  }

  @Test
  void deletionRepeatsPathDomainAndFlags() {
    var writer = new CookieWriter(config(Optional.of("example.com"), SameSite.STRICT, CookieSecure.ALWAYS));
    assertEquals(
        "wos-session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop; Domain=example.com; Secure;"
            + " HttpOnly; SameSite=Strict",
        CookieWriter.header("wos-session", "", -1, "example.com", SameSite.STRICT, true, "/shop"));
    var request = FakeRequest.get().contextPath("/shop").build();
    var response = new RecordingResponse();
    writer.clearSession(request, response.proxy());
    assertEquals(List.of("wos-session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop;"
        + " Domain=example.com; Secure; HttpOnly; SameSite=Strict"), response.headers("Set-Cookie"));
  }

  @Test
  void flowCookieIsHostOnlyLaxAndLivesTenMinutes() throws Exception {
    var writer = new CookieWriter(config(Optional.of("example.com"), SameSite.STRICT, CookieSecure.AUTO));
    var response = new RecordingResponse();
    writer.setFlow(FakeRequest.get().host("localhost").contextPath("/app").build(), response.proxy(),
        "wos-auth-flow-0a1b2c3d", "sealed");
    assertEquals(List.of("wos-auth-flow-0a1b2c3d=sealed; Max-Age=600; Path=/app; HttpOnly; SameSite=Lax"),
        response.headers("Set-Cookie"));
  }

  @Test
  void refusesACookieBrowsersWouldDropSilently() {
    var writer = new CookieWriter(DEFAULTS);
    var request = FakeRequest.get().build();
    CookieTooLargeException e = assertThrows(CookieTooLargeException.class,
        () -> writer.sessionHeader(request, "x".repeat(4100)));
    assertTrue(e.getMessage().contains("wos-session"), e.getMessage());
    assertFalse(e.getMessage().contains("xxxx"), "the value must not be in the message");
    assertEquals(4112, e.size());
  }

  @ParameterizedTest
  @CsvSource({
      "localhost, false, false",
      "LOCALHOST, false, false",
      "app.localhost, false, false",
      "127.0.0.1, false, false",
      "127.8.9.10, false, false",
      "[::1], false, false",
      "::1, false, false",
      "localhost, true, true",
      "192.168.1.5, false, true",
      "example.com, false, true",
      "localhost.example.com, false, true",
      "127.0.0.1.nip.io, false, true",
  })
  void autoSecureIsOffOnlyForPlainHttpToLoopback(String host, boolean https, boolean expectSecure) {
    var request = FakeRequest.get().host(host).secure(https).build();
    assertEquals(expectSecure, new CookieWriter(DEFAULTS).isSecure(request), host);
  }
}
