package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the emulator itself gets a WorkOS-shaped 4xx answer, never a 500, and the answer
 * never echoes a secret back.
 */
class HostileInputIT {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  static Stream<Arguments> badAuthenticateBodies() {
    return Stream.of(
        // body, expected status, expected "code" or "error"
        Arguments.of("{bad json", 400, "invalid_request"),
        Arguments.of("[1,2,3]", 400, "invalid_request"),
        Arguments.of("\"just a string\"", 400, "invalid_request"),
        Arguments.of("{}", 422, "invalid_request_parameters"),
        Arguments.of("{\"grant_type\":\"authorization_code\"}", 422, "invalid_request_parameters"),
        Arguments.of("{\"grant_type\":\"password\",\"client_id\":\"client_emulate\"}", 400, "unsupported_grant_type"),
        Arguments.of("{\"grant_type\":\"client_credentials\",\"client_id\":\"client_emulate\"}", 400,
            "unsupported_grant_type"),
        Arguments.of("{\"grant_type\":\"authorization_code\",\"client_id\":\"client_emulate\","
            + "\"client_secret\":\"sk_test_default\"}", 422, "invalid_request_parameters"),
        Arguments.of("{\"grant_type\":\"authorization_code\",\"client_id\":\"client_emulate\",\"code\":\"x\"}", 400,
            "invalid_request"),
        Arguments.of("{\"grant_type\":\"authorization_code\",\"client_id\":\"client_emulate\","
            + "\"client_secret\":\"sk_test_default\",\"code\":\"not-a-code\"}", 400, "invalid_grant"),
        Arguments.of("{\"grant_type\":\"authorization_code\",\"client_id\":\"client_emulate\","
            + "\"client_secret\":\"sk_wrong\",\"code\":\"x\"}", 401, "invalid_client"),
        Arguments.of("{\"grant_type\":\"authorization_code\",\"client_id\":\"client_nope\","
            + "\"client_secret\":\"sk_test_default\",\"code\":\"x\"}", 401, "invalid_client"),
        Arguments.of("{\"grant_type\":\"refresh_token\",\"client_id\":\"client_emulate\"}", 422,
            "invalid_request_parameters"),
        Arguments.of("{\"grant_type\":\"refresh_token\",\"client_id\":\"client_emulate\","
            + "\"refresh_token\":\"forged\"}", 400, "invalid_grant"),
        Arguments.of("{\"grant_type\":{\"nested\":true},\"client_id\":\"client_emulate\"}", 400,
            "unsupported_grant_type"),
        Arguments.of("{\"grant_type\":\"refresh_token\",\"client_id\":[\"client_emulate\"],"
            + "\"refresh_token\":\"x\"}", 401, "invalid_client"),
        Arguments.of("{\"grant_type\":null,\"client_id\":\"client_emulate\"}", 422, "invalid_request_parameters"),
        Arguments.of("{\"grant_type\":\"refresh_token\",\"client_id\":\"client_emulate\","
            + "\"refresh_token\":\"\\u0000\\u2028<script>\"}", 400, "invalid_grant"));
  }

  @ParameterizedTest
  @MethodSource("badAuthenticateBodies")
  void badAuthenticateRequestsGetWorkOsShapedErrors(String body, int status, String code, AuthKitEmulator emulator)
      throws Exception {
    HttpResponse<String> response = new EmulatorHttp(emulator).postJson("/user_management/authenticate", body);
    assertEquals(status, response.statusCode(), response.body());
    JsonObject json = EmulatorHttp.json(response);
    if (json.containsKey("error")) {
      assertEquals(code, json.getString("error"));
      assertFalse(json.getString("error_description").isBlank());
    } else {
      assertEquals(code, json.getString("code"));
      assertFalse(json.getString("message").isBlank());
    }
    assertFalse(response.body().contains("sk_test_default") || response.body().contains("sk_wrong"),
        "errors never echo API keys: " + response.body());
    assertFalse(response.body().contains("Exception"), response.body());
  }

  @Test
  void hugeBodyIsRejectedWith413(AuthKitEmulator emulator) throws Exception {
    byte[] huge = ("{\"grant_type\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = new EmulatorHttp(emulator)
        .post("/user_management/authenticate", "application/json", huge);
    assertEquals(413, response.statusCode());
    assertEquals("payload_too_large", EmulatorHttp.json(response).getString("code"));
    // The emulator is still serving afterwards.
    assertEquals(200, new EmulatorHttp(emulator).get("/health").statusCode());
  }

  @Test
  void formEncodedGrantsWorkAndBadPercentEncodingIs400(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    HttpResponse<String> bad = http.post("/user_management/authenticate", "application/x-www-form-urlencoded",
        "grant_type=refresh_token&client_id=%zz".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("invalid_request", EmulatorHttp.json(bad).getString("code"));

    PkceFlow flow = new PkceFlow();
    String form = "grant_type=authorization_code&client_id=" + emulator.clientId() + "&code="
        + PkceFlow.encode(flow.code(emulator, "ada@example.com")) + "&code_verifier=" + flow.verifier;
    HttpResponse<String> ok = http.post("/user_management/authenticate", "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, ok.statusCode(), ok.body());
  }

  static Stream<Arguments> badBodiesForTheNewerEndpoints() {
    String url = "\"endpoint_url\": \"http://localhost:9/hooks\"";
    return Stream.of(
        // path, body, expected status, expected code
        Arguments.of("/webhook_endpoints", "{bad json", 400, "invalid_request"),
        Arguments.of("/webhook_endpoints", "[1]", 400, "invalid_request"),
        Arguments.of("/webhook_endpoints", "{" + url + ", \"events\": {\"a\": 1}}", 422, "invalid_request_parameters"),
        Arguments.of("/webhook_endpoints", "{" + url + ", \"events\": [1, 2]}", 422, "invalid_request_parameters"),
        Arguments.of("/webhook_endpoints", "{\"endpoint_url\": 42, \"events\": [\"session.revoked\"]}", 422,
            "invalid_request_parameters"),
        Arguments.of("/webhook_endpoints", "{" + url + ", \"events\": [\"" + "a.b".repeat(100) + "\"]}", 422,
            "invalid_request_parameters"),
        Arguments.of("/api_keys/validations", "{\"value\": null}", 422, "invalid_request_parameters"),
        Arguments.of("/api_keys/validations", "\"sk_demo\"", 400, "invalid_request"),
        Arguments.of("/_emulate/sessions", "{\"email\": [\"ada@example.com\"]}", 404, "entity_not_found"),
        Arguments.of("/_emulate/sessions", "{\"email\": \"ada@example.com\", \"organization_id\": {}}", 422,
            "invalid_request_parameters"),
        Arguments.of("/_emulate/impersonations", "{\"email\": \"ada@example.com\", \"impersonator_email\": \""
            + "x".repeat(500) + "@example.com\"}", 422, "invalid_request_parameters"),
        Arguments.of("/_emulate/impersonations", "{\"email\": \"ada@example.com\", \"impersonator_email\":"
            + " \"support@example.com\", \"reason\": \"" + "r".repeat(2000) + "\"}", 422, "invalid_request_parameters"),
        Arguments.of("/_emulate/impersonations", "{\"email\": \"ada@example.com\", \"impersonator_email\":"
            + " \"support@example.com\", \"client_id\": \"client_nope\"}", 404, "entity_not_found"));
  }

  @ParameterizedTest
  @MethodSource("badBodiesForTheNewerEndpoints")
  void badBodiesForTheNewerEndpointsGetWorkOsShapedErrors(String path, String body, int status, String code,
      AuthKitEmulator emulator) throws Exception {
    HttpResponse<String> response = new EmulatorHttp(emulator).postJson(path, body);
    assertEquals(status, response.statusCode(), path + " " + body + " → " + response.body());
    assertEquals(code, EmulatorHttp.json(response).getString("code"));
    assertFalse(response.body().contains("Exception"), response.body());
    assertFalse(response.body().contains("sk_test_default"), response.body());
  }

  static Stream<Arguments> badApiCalls() {
    return Stream.of(
        Arguments.of("GET", "/no/such/path", 404, "entity_not_found"),
        Arguments.of("DELETE", "/user_management/authenticate", 405, "method_not_allowed"),
        Arguments.of("GET", "/user_management/users/user_missing", 404, "entity_not_found"),
        Arguments.of("GET", "/user_management/users/%2e%2e%2f%2e%2e", 404, "entity_not_found"),
        Arguments.of("GET", "/sso/jwks/client_unknown", 404, "entity_not_found"),
        Arguments.of("GET", "/user_management/sessions/logout", 422, "invalid_request_parameters"),
        Arguments.of("GET", "/organizations/org_missing", 404, "entity_not_found"),
        Arguments.of("GET", "/user_management/organization_memberships/om_missing", 404, "entity_not_found"),
        Arguments.of("GET", "/user_management/organization_memberships?limit=99999999999999", 422,
            "invalid_request_parameters"),
        Arguments.of("GET", "/user_management/organization_memberships?statuses=%00", 422,
            "invalid_request_parameters"),
        Arguments.of("DELETE", "/webhook_endpoints/we_missing", 404, "entity_not_found"),
        Arguments.of("PUT", "/webhook_endpoints", 405, "method_not_allowed"),
        Arguments.of("POST", "/_emulate/sessions/session_missing/revoke", 404, "entity_not_found"));
  }

  @ParameterizedTest
  @MethodSource("badApiCalls")
  void badApiCallsGetWorkOsShapedErrors(String method, String path, int status, String code,
      AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
        .header("Authorization", "Bearer " + emulator.apiKey())
        .method(method, HttpRequest.BodyPublishers.noBody()));
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, EmulatorHttp.json(response).getString("code"));
  }

  @Test
  void apiEndpointsRequireAnApiKey(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    HttpResponse<String> noKey = http.get("/user_management/users/user_x");
    assertEquals(401, noKey.statusCode());
    assertEquals("unauthorized", EmulatorHttp.json(noKey).getString("code"));
    HttpResponse<String> wrongKey = http.getWithApiKey("/user_management/users/user_x", "sk_test_wrong");
    assertEquals(401, wrongKey.statusCode());
    assertFalse(wrongKey.body().contains("sk_test_wrong"));
  }

  @Test
  void authorizeRejectsBadRequestsWithAPageAndNoRedirect(AuthKitEmulator emulator) throws Exception {
    HostedSignIn browser = new HostedSignIn();
    String base = emulator.baseUrl() + "/user_management/authorize?response_type=code&provider=authkit";
    String[] bad = {
        base + "&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI),
        base + "&client_id=client_unknown&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode("https://evil.example/callback"),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode("http://localhost:8080@evil.example/"),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode("http://localhost:8080/cb#frag"),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode("javascript:alert(1)//localhost:1/"),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI)
            + "&code_challenge=abc&code_challenge_method=plain",
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI)
            + "&code_challenge=" + "a".repeat(43),
        base + "&client_id=client_emulate&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI)
            + "&screen_hint=" + PkceFlow.encode("<script>"),
        emulator.baseUrl() + "/user_management/authorize?client_id=client_emulate&response_type=token&provider=authkit"
            + "&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI),
        emulator.baseUrl() + "/user_management/authorize?client_id=client_emulate&response_type=code"
            + "&provider=GoogleOAuth&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI),
    };
    for (String url : bad) {
      HostedSignIn.Page page = browser.open(url);
      assertEquals(400, page.status(), url + "\n" + page.html());
      assertTrue(page.html().contains("not the real WorkOS"), url);
      assertFalse(page.html().contains("<script>"), "escaped: " + url);
    }
  }

  @Test
  void pagesEscapeEverythingTheyEcho(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String xss = "\"><script>alert(1)</script>";
    HostedSignIn.Page page = new HostedSignIn().open(flow.authorizeUrl(emulator, "login_hint=" + PkceFlow.encode(xss)));
    assertEquals(200, page.status());
    assertFalse(page.html().contains("<script>"), page.html());
    assertTrue(page.html().contains("&quot;&gt;&lt;script&gt;"), page.html());
  }
}
