package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.workos.WorkOS;
import com.workos.common.exceptions.GenericServerException;
import com.workos.common.http.RetryConfig;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The /_emulate/ control API over HTTP, and the same controls through the Java API. */
class ControlApiIT {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  @Test
  void errorHookFiresTheGivenNumberOfTimes(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    HttpResponse<String> added = http.postJson("/_emulate/hooks", """
        {"method": "GET", "path": "/sso/jwks/*", "status": 503,
         "body": {"code": "service_unavailable", "message": "try later"}, "count": 2}
        """);
    assertEquals(201, added.statusCode(), added.body());
    JsonObject hook = EmulatorHttp.json(added);
    assertTrue(hook.getString("id").startsWith("hook_"), added.body());
    assertEquals("try later", hook.getJsonObject("body").getString("message"));
    assertEquals(2, hook.getInt("count"));
    String jwks = "/sso/jwks/" + emulator.clientId();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> failed = http.get(jwks);
      assertEquals(503, failed.statusCode());
      assertEquals("service_unavailable", EmulatorHttp.json(failed).getString("code"));
    }
    assertEquals(200, http.get(jwks).statusCode());
    assertEquals(1, emulator.counter("jwks"), "hooked requests never reach the endpoint");
  }

  @Test
  void errorHookDelaysAndFailsRequests(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    assertEquals(201, http.postJson("/_emulate/hooks",
        "{\"path\": \"/user_management/users/*\", \"status\": 500, \"times\": 1, \"delay_ms\": 400}").statusCode());
    long start = System.nanoTime();
    HttpResponse<String> slow = http.getWithApiKey("/user_management/users/user_x", emulator.apiKey());
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(500, slow.statusCode());
    assertTrue(tookMs >= 380, "waited " + tookMs + " ms");
    assertEquals("server_error", EmulatorHttp.json(slow).getString("code"), "the official default body");

    // Through the SDK: a default-body 500 surfaces as WorkOS's server exception.
    emulator.addErrorHook("GET", "/user_management/users/*", 500, null, 1, Duration.ZERO);
    WorkOS sdk = WorkOS.builder().apiKey(emulator.apiKey()).clientId(emulator.clientId())
        .apiBaseUrl(emulator.baseUrl()).retryConfig(RetryConfig.DISABLED).build();
    org.junit.jupiter.api.Assertions.assertThrows(GenericServerException.class,
        () -> sdk.getUserManagement().get("user_x"));
  }

  @Test
  void aDelayedRequestDoesNotHoldUpOthers(AuthKitEmulator emulator) throws Exception {
    emulator.addErrorHook("GET", "/user_management/users/*", 0, null, 0, Duration.ofMillis(1500));
    EmulatorHttp http = new EmulatorHttp(emulator);
    var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return http.getWithApiKey("/user_management/users/user_x", emulator.apiKey()).statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    long start = System.nanoTime();
    assertEquals(200, http.get("/health").statusCode());
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs < 1000, "health waited " + tookMs + " ms behind a delayed request");
    assertEquals(404, slow.get(), "status 0 only delays: the request then reaches the endpoint");
  }

  @Test
  void hooksWithoutACountLastUntilRemoved(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    JsonObject hook = EmulatorHttp.json(http.postJson("/_emulate/hooks",
        "{\"method\": \"GET\", \"path\": \"/health\", \"status\": 418}"));
    http.postJson("/_emulate/hooks", "{\"method\": \"*\", \"path\": \"/sso/*\", \"status\": 429}");
    assertEquals(418, http.get("/health").statusCode());
    assertEquals(418, http.get("/health").statusCode(), "no count = every request");
    assertEquals(429, http.get("/sso/jwks/" + emulator.clientId()).statusCode());
    assertEquals("rate_limit_exceeded", EmulatorHttp.json(http.get("/sso")).getString("code"));
    assertEquals(2, EmulatorHttp.list(http.get("/_emulate/hooks")).size());

    assertEquals(204, http.delete("/_emulate/hooks/" + hook.getString("id")).statusCode());
    assertEquals(404, http.delete("/_emulate/hooks/" + hook.getString("id")).statusCode());
    assertEquals(200, http.get("/health").statusCode());
    assertEquals(204, http.delete("/_emulate/hooks").statusCode());
    assertEquals(200, http.get("/sso/jwks/" + emulator.clientId()).statusCode());
    assertEquals(0, EmulatorHttp.list(http.get("/_emulate/hooks")).size());
  }

  @Test
  void hooksNeverBlockTheControlApi(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    http.postJson("/_emulate/hooks", "{\"method\": \"*\", \"path\": \"*\", \"status\": 500}");
    assertEquals(500, http.get("/health").statusCode());
    assertEquals(200, http.get("/_emulate/counters").statusCode());
    assertEquals(204, http.postJson("/_emulate/reset", "").statusCode());
    assertEquals(200, http.get("/health").statusCode(), "reset clears hooks");
  }

  @Test
  void badHooksAreRefused(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    for (String bad : new String[] {
        "{\"status\": 500}",
        "{\"path\": \"/x\"}",
        "{\"path\": \"/x\", \"status\": 99}",
        "{\"path\": \"/x\", \"status\": \"abc\"}",
        "{\"path\": \"/x\", \"status\": 500, \"delay_ms\": 99999999}",
        "{nope"}) {
      HttpResponse<String> response = http.postJson("/_emulate/hooks", bad);
      assertEquals(400, response.statusCode(), bad + " → " + response.body());
    }
    assertEquals(0, EmulatorHttp.list(http.get("/_emulate/hooks")).size());
  }

  @Test
  void clockAdvancesOverHttp(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    JsonObject advanced = EmulatorHttp.json(http.postJson("/_emulate/clock/advance", "{\"seconds\": 3600}"));
    assertEquals(3600, advanced.getJsonNumber("offset_seconds").longValue());
    assertEquals(422, http.postJson("/_emulate/clock/advance", "{\"seconds\": -5}").statusCode());
    assertEquals(422, http.postJson("/_emulate/clock/advance", "{}").statusCode());
    assertEquals(204, http.postJson("/_emulate/reset", "").statusCode());
    assertEquals(0, EmulatorHttp.json(http.get("/_emulate/clock")).getJsonNumber("offset_seconds").longValue());
  }

  @Test
  void keyRotationOverHttpPublishesANewKey(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    String jwks = "/sso/jwks/" + emulator.clientId();
    String before = EmulatorHttp.json(http.get(jwks)).getJsonArray("keys").getJsonObject(0).getString("kid");
    assertEquals(200, http.postJson("/_emulate/keys/rotate", "").statusCode());
    var keys = EmulatorHttp.json(http.get(jwks)).getJsonArray("keys");
    assertEquals(2, keys.size());
    assertNotEquals(before, keys.getJsonObject(0).getString("kid"));
    assertEquals(before, keys.getJsonObject(1).getString("kid"));
  }

  @Test
  void countersOverHttp(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    http.get("/sso/jwks/" + emulator.clientId());
    http.get("/sso/jwks/" + emulator.clientId());
    assertEquals(2, EmulatorHttp.json(http.get("/_emulate/counters")).getJsonNumber("jwks").longValue());
    assertEquals(2, EmulatorHttp.json(http.get("/_emulate/counters/jwks")).getJsonNumber("count").longValue());
    assertEquals(0, EmulatorHttp.json(http.get("/_emulate/counters/logout")).getJsonNumber("count").longValue());
  }

  @Test
  void localhostWorksOverIpv4AndIpv6Loopback(AuthKitEmulator emulator) throws Exception {
    boolean ipv6 = true;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
      probe.getLocalPort();
    } catch (java.io.IOException noIpv6) {
      ipv6 = false;
    }
    var http = java.net.http.HttpClient.newHttpClient();
    var v4 = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + emulator.port() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, v4.statusCode());
    org.junit.jupiter.api.Assumptions.assumeTrue(ipv6, "this machine has no IPv6 loopback");
    var v6 = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://[::1]:" + emulator.port() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, v6.statusCode());
  }

  @Test
  void healthSaysItIsAnEmulator(AuthKitEmulator emulator) throws Exception {
    HttpResponse<String> health = new EmulatorHttp(emulator).get("/health");
    assertEquals(200, health.statusCode());
    assertEquals("ok", EmulatorHttp.json(health).getString("status"));
    assertEquals("true", health.headers().firstValue("X-WorkOS-Emulator").orElse(""));
  }
}
