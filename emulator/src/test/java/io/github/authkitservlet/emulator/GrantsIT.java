package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The authorization_code and refresh_token grants: single use, expiry, PKCE, sessions. */
class GrantsIT {

  private static final String SEED = """
      {
        "users": [
          {"email": "ada@example.com", "password": "authkit-demo", "first_name": "Ada"},
          {"email": "multi@example.com", "password": "authkit-demo"}
        ],
        "organizations": [
          {"id": "org_one", "name": "One", "memberships": [
            {"email": "ada@example.com", "role": "member"}, {"email": "multi@example.com", "role": "member"}]},
          {"id": "org_two", "name": "Two", "entitlements": ["sso"], "memberships": [
            {"email": "multi@example.com", "role": "admin"}]}
        ],
        "roles": [
          {"slug": "admin", "permissions": ["reports:read"]},
          {"slug": "member", "permissions": []}
        ],
        "clients": [
          {"client_id": "client_test", "api_keys": ["sk_test_one"], "redirect_uris": ["http://localhost:8080/callback"],
           "logout_uris": ["https://app.example.com/bye"], "homepage": "https://app.example.com/"},
          {"client_id": "client_other", "api_keys": ["sk_test_other"],
           "redirect_uris": ["http://localhost:8080/callback"]}
        ]
      }
      """;

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension(b -> b.seedJson(SEED));

  private static JsonObject ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return EmulatorHttp.json(response);
  }

  private static void oauthError(HttpResponse<String> response, int status, String error, String description) {
    assertEquals(status, response.statusCode(), response.body());
    JsonObject json = EmulatorHttp.json(response);
    assertEquals(error, json.getString("error"));
    if (description != null) {
      assertEquals(description, json.getString("error_description"));
    }
  }

  @Test
  void seededClientIsTheDefault(AuthKitEmulator emulator) {
    assertEquals("client_test", emulator.clientId());
    assertEquals("sk_test_one", emulator.apiKey());
  }

  @Test
  void codeIsSingleUse(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String code = flow.code(emulator, "ada@example.com");
    EmulatorHttp http = new EmulatorHttp(emulator);
    ok(http.postJson("/user_management/authenticate", flow.codeGrant(emulator, code)));
    oauthError(http.postJson("/user_management/authenticate", flow.codeGrant(emulator, code)), 400, "invalid_grant",
        null);
    assertEquals(1, emulator.counter("grant.authorization_code"));
  }

  @Test
  void codeExpiresAfterTenMinutes(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String code = flow.code(emulator, "ada@example.com");
    emulator.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
    oauthError(new EmulatorHttp(emulator).postJson("/user_management/authenticate", flow.codeGrant(emulator, code)),
        400, "invalid_grant", null);
  }

  @Test
  void wrongVerifierFailsAndBurnsTheCode(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String code = flow.code(emulator, "ada@example.com");
    EmulatorHttp http = new EmulatorHttp(emulator);
    String wrong = "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_test\",\"code\":\"" + code
        + "\",\"code_verifier\":\"" + new PkceFlow().verifier + "\"}";
    oauthError(http.postJson("/user_management/authenticate", wrong), 400, "invalid_grant",
        "The code_verifier does not match the code_challenge.");
    oauthError(http.postJson("/user_management/authenticate", flow.codeGrant(emulator, code)), 400, "invalid_grant",
        null);
  }

  @Test
  void secretAloneIsNotEnoughForACodeIssuedWithAChallenge(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String code = flow.code(emulator, "ada@example.com");
    String secretOnly = "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_test\","
        + "\"client_secret\":\"sk_test_one\",\"code\":\"" + code + "\"}";
    oauthError(new EmulatorHttp(emulator).postJson("/user_management/authenticate", secretOnly), 400,
        "invalid_grant", null);
  }

  @Test
  void codeWithoutPkceNeedsTheClientSecret(AuthKitEmulator emulator) throws Exception {
    String url = emulator.baseUrl() + "/user_management/authorize?client_id=client_test&response_type=code"
        + "&provider=authkit&redirect_uri=" + PkceFlow.encode(PkceFlow.REDIRECT_URI);
    String location = new HostedSignIn().signIn(url, "ada@example.com", "authkit-demo");
    assertEquals(null, HostedSignIn.queryParam(location, "state"), "no state was sent, none comes back");
    String code = HostedSignIn.queryParam(location, "code");
    EmulatorHttp http = new EmulatorHttp(emulator);
    String otherClientsKey = "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_test\","
        + "\"client_secret\":\"sk_test_other\",\"code\":\"" + code + "\"}";
    oauthError(http.postJson("/user_management/authenticate", otherClientsKey), 401, "invalid_client", null);
    String secret = "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_test\","
        + "\"client_secret\":\"sk_test_one\",\"code\":\"" + code + "\"}";
    ok(http.postJson("/user_management/authenticate", secret));
  }

  @Test
  void codeIssuedToAnotherClientIsRejected(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    String code = flow.code(emulator, "ada@example.com");
    String asOther = "{\"grant_type\":\"authorization_code\",\"client_id\":\"client_other\","
        + "\"client_secret\":\"sk_test_other\",\"code\":\"" + code + "\",\"code_verifier\":\"" + flow.verifier + "\"}";
    oauthError(new EmulatorHttp(emulator).postJson("/user_management/authenticate", asOther), 400, "invalid_grant",
        "The code was not issued to this client.");
  }

  @Test
  void refreshTokensRotateAndSwitchOrganizations(AuthKitEmulator emulator) throws Exception {
    EmulatorHttp http = new EmulatorHttp(emulator);
    // multi@ has two memberships: pre-select org_one so no picker is shown.
    PkceFlow flow = new PkceFlow();
    String location = new HostedSignIn().signIn(flow.authorizeUrl(emulator, "organization_id=org_one"),
        "multi@example.com", "authkit-demo");
    JsonObject first = ok(http.postJson("/user_management/authenticate",
        flow.codeGrant(emulator, HostedSignIn.queryParam(location, "code"))));
    assertEquals("org_one", first.getString("organization_id"));

    String switchOrg = "{\"grant_type\":\"refresh_token\",\"client_id\":\"client_test\",\"refresh_token\":\""
        + first.getString("refresh_token") + "\",\"organization_id\":\"org_two\"}";
    JsonObject second = ok(http.postJson("/user_management/authenticate", switchOrg));
    assertEquals("org_two", second.getString("organization_id"));
    var claims = SignedJWT.parse(second.getString("access_token")).getJWTClaimsSet();
    assertEquals("admin", claims.getStringClaim("role"));
    assertEquals(java.util.List.of("reports:read"), claims.getStringListClaim("permissions"));
    assertEquals(java.util.List.of("sso"), claims.getStringListClaim("entitlements"));
    assertEquals(SignedJWT.parse(first.getString("access_token")).getJWTClaimsSet().getStringClaim("sid"),
        claims.getStringClaim("sid"));

    String notMember = "{\"grant_type\":\"refresh_token\",\"client_id\":\"client_test\",\"refresh_token\":\""
        + second.getString("refresh_token") + "\",\"organization_id\":\"org_nope\"}";
    oauthError(http.postJson("/user_management/authenticate", notMember), 400, "invalid_grant", null);
    // A refused switch does not burn the token.
    JsonObject third = ok(http.postJson("/user_management/authenticate",
        PkceFlow.refreshGrant(emulator, second.getString("refresh_token"))));
    assertEquals("org_two", third.getString("organization_id"), "the session stays in the org it switched to");
    assertNotEquals(second.getString("refresh_token"), third.getString("refresh_token"));
    assertEquals(2, emulator.counter("grant.refresh_token"));
  }

  @Test
  void revokedSessionCannotRefresh(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    EmulatorHttp http = new EmulatorHttp(emulator);
    JsonObject signedIn = ok(http.postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, "ada@example.com"))));
    String sid = SignedJWT.parse(signedIn.getString("access_token")).getJWTClaimsSet().getStringClaim("sid");

    HttpResponse<String> revoke = http.postJson("/user_management/sessions/revoke", "{\"session_id\":\"" + sid + "\"}");
    assertEquals(200, revoke.statusCode(), revoke.body());
    oauthError(http.postJson("/user_management/authenticate",
        PkceFlow.refreshGrant(emulator, signedIn.getString("refresh_token"))), 400, "invalid_grant",
        "Session has already ended.");
    HttpResponse<String> unknown = http.postJson("/user_management/sessions/revoke", "{\"session_id\":\"session_x\"}");
    assertEquals(404, unknown.statusCode());
    assertEquals("entity_not_found", EmulatorHttp.json(unknown).getString("code"));
  }

  @Test
  void logoutRedirectsOnlyToAllowedPlaces(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    EmulatorHttp http = new EmulatorHttp(emulator);
    JsonObject signedIn = ok(http.postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, "ada@example.com"))));
    String sid = SignedJWT.parse(signedIn.getString("access_token")).getJWTClaimsSet().getStringClaim("sid");
    String logout = "/user_management/sessions/logout?session_id=" + sid + "&return_to=";
    assertEquals("https://app.example.com/bye",
        http.get(logout + PkceFlow.encode("https://app.example.com/bye")).headers().firstValue("Location").orElse(""));
    assertEquals("http://127.0.0.1:3000/x",
        http.get(logout + PkceFlow.encode("http://127.0.0.1:3000/x")).headers().firstValue("Location").orElse(""));
    assertEquals("https://app.example.com/",
        http.get(logout + PkceFlow.encode("https://evil.example/")).headers().firstValue("Location").orElse(""));
    assertEquals("https://app.example.com/",
        http.get(logout + PkceFlow.encode("//evil.example/")).headers().firstValue("Location").orElse(""));
    assertEquals("https://app.example.com/", http.get("/user_management/sessions/logout?session_id=" + sid)
        .headers().firstValue("Location").orElse(""));
    oauthError(http.postJson("/user_management/authenticate",
        PkceFlow.refreshGrant(emulator, signedIn.getString("refresh_token"))), 400, "invalid_grant", null);
  }

  @Test
  void resetForgetsSessionsAndTokens(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    EmulatorHttp http = new EmulatorHttp(emulator);
    JsonObject signedIn = ok(http.postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, "ada@example.com"))));
    emulator.reset();
    assertEquals(0, emulator.counter("grant.authorization_code"));
    oauthError(http.postJson("/user_management/authenticate",
        PkceFlow.refreshGrant(emulator, signedIn.getString("refresh_token"))), 400, "invalid_grant",
        "Invalid refresh token.");
  }
}
