package io.github.authkitservlet.internal.http;

import io.github.authkitservlet.testsupport.FakeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.CookieSecure;
import io.github.authkitservlet.internal.config.SameSite;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CookieWriterTest {

  private static AuthKitConfig config(Optional<String> domain, SameSite sameSite, CookieSecure secure) {
    return config("/callback", domain, sameSite, secure);
  }

  private static AuthKitConfig config(String redirectUri, Optional<String> domain, SameSite sameSite, CookieSecure secure) {
    return new AuthKitConfig("sk_test_x", "client_x", redirectUri, List.of("p".repeat(32)),
        URI.create("http://localhost:4100"), "wos-session", 34560000, domain, sameSite, secure,
        Optional.empty(), List.of("http://localhost:4100"), Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(30),
        10_000, List.of(redirectUri), List.of(), List.of());
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

  @ParameterizedTest(name = "redirect-uri {0}, Host {1}, isSecure {2} -> Secure {3}")
  @CsvSource({
      "/callback, localhost, false, false",
      "/callback, example.com, false, false",
      "/callback, 192.168.1.5, false, false",
      "/callback, localhost, true, true",
      "/callback, example.com, true, true",
      "http://localhost:8080/callback, localhost, false, false",
      "http://localhost:8080/callback, evil.example, false, false",
      "http://intranet.example/callback, intranet.example, true, true",
      // Behind a TLS proxy that forwards with a loopback Host and no valve: the configuration decides.
      "https://app.example.com/callback, 127.0.0.1, false, true",
      "https://app.example.com/callback, localhost, false, true",
      "HTTPS://app.example.com/callback, example.com, false, true",
  })
  void autoSecureFollowsTheRedirectUriSchemeAndTheContainerNeverTheHost(String redirectUri, String host, boolean https,
      boolean expectSecure) {
    var request = FakeRequest.get().host(host).secure(https).build();
    var writer = new CookieWriter(config(redirectUri, Optional.empty(), SameSite.LAX, CookieSecure.AUTO));
    assertEquals(expectSecure, writer.isSecure(request));
  }

  @Test
  void theCookiePathIsTheApplicationsContextPathNotTheRequestsSpellingOfIt() throws Exception {
    for (String raw : List.of("//app", "/%61pp", "/app;Domain=localhost;Max-Age=31536000;SameSite=None")) {
      var request = FakeRequest.get().contextPath("/app").rawContextPath(raw).build();
      assertEquals("wos-session=v; Max-Age=34560000; Path=/app; HttpOnly; SameSite=Lax",
          new CookieWriter(DEFAULTS).sessionHeader(request, "v"), raw);
      var response = new RecordingResponse();
      new CookieWriter(DEFAULTS).setFlow(request, response.proxy(), "wos-auth-flow-0a1b2c3d", "sealed");
      assertEquals(List.of("wos-auth-flow-0a1b2c3d=sealed; Max-Age=600; Path=/app; HttpOnly; SameSite=Lax"),
          response.headers("Set-Cookie"), raw);
    }
  }
}
