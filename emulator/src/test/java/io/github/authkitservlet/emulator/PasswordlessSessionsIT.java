package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.workos.common.exceptions.BadRequestException;
import com.workos.models.AuthenticateResponse;
import com.workos.session.AuthenticateSessionResult;
import com.workos.session.Session;
import com.workos.session.SessionKt;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions for tests without the hosted page: {@code POST /_emulate/sessions} and
 * {@link AuthKitEmulator#issueSession(String)} answer what a sign-in answers, for real sessions.
 */
class PasswordlessSessionsIT extends EmulatorClients {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final String COOKIE_PASSWORD = "a-cookie-password-of-at-least-32-characters";
  /** Claims that differ between any two tokens, however they were minted. */
  private static final Set<String> PER_TOKEN = Set.of("sid", "jti", "iat", "exp");

  private final OpenApiShapes shapes = new OpenApiShapes();

  private static Map<String, Object> lastingClaims(String accessToken) throws Exception {
    Map<String, Object> claims = new HashMap<>(SignedJWT.parse(accessToken).getJWTClaimsSet().getClaims());
    claims.keySet().removeAll(PER_TOKEN);
    return claims;
  }

  @Test
  void theControlCallAnswersWhatSignInAnswers() throws Exception {
    JsonObject signedIn = PkceFlow.signIn(emulator, "grace@example.com");
    HttpResponse<String> response = http.postJson("/_emulate/sessions", "{\"email\": \"grace@example.com\"}");
    assertEquals(200, response.statusCode(), response.body());
    JsonObject issued = EmulatorHttp.json(response);

    assertEquals(List.of(), shapes.problems("UserlandAuthenticateResponse", issued));
    assertEquals(signedIn.keySet(), issued.keySet());
    assertEquals(signedIn.getString("organization_id"), issued.getString("organization_id"));
    assertEquals("Password", issued.getString("authentication_method"));
    assertEquals(signedIn.getJsonObject("user").getString("id"), issued.getJsonObject("user").getString("id"));
    assertEquals(lastingClaims(signedIn.getString("access_token")), lastingClaims(issued.getString("access_token")),
        "the same claims (iss, sub, org_id, role, permissions, …) as a hosted sign-in");
    JWTClaimsSet claims = SignedJWT.parse(issued.getString("access_token")).getJWTClaimsSet();
    assertEquals(emulator.baseUrl() + "/user_management/" + emulator.clientId(), claims.getIssuer());
    assertEquals(SignedJWT.parse(signedIn.getString("access_token")).getHeader().toJSONObject().keySet(),
        SignedJWT.parse(issued.getString("access_token")).getHeader().toJSONObject().keySet());
  }

  @Test
  void theIssuedSessionRefreshesAuthenticatesAndRevokesLikeAnyOther() throws Exception {
    IssuedSession issued = emulator.issueSession("ada@example.com");
    JWTClaimsSet claims = SignedJWT.parse(issued.accessToken()).getJWTClaimsSet();
    assertEquals(issued.sessionId(), claims.getStringClaim("sid"));
    assertEquals(issued.userId(), claims.getSubject());
    assertEquals(issued.organizationId(), claims.getStringClaim("org_id"));
    assertEquals("member", claims.getStringClaim("role"));

    AuthenticateResponse refreshed = workos.getUserManagement().authenticateWithRefreshToken(issued.refreshToken());
    assertEquals(issued.sessionId(),
        SignedJWT.parse(refreshed.getAccessToken()).getJWTClaimsSet().getStringClaim("sid"));
    assertNotEquals(issued.refreshToken(), refreshed.getRefreshToken());
    Session session = SessionKt.getSession(workos);
    AuthenticateSessionResult result = session.loadSealedSession(session.sealAuthResponse(refreshed, COOKIE_PASSWORD),
        COOKIE_PASSWORD).authenticate();
    assertEquals(issued.sessionId(),
        assertInstanceOf(AuthenticateSessionResult.Success.class, result).getSessionId());

    workos.getUserManagement().revokeSession(issued.sessionId());
    BadRequestException refused = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(refreshed.getRefreshToken()));
    assertTrue(refused.rawBody.contains("Session has already ended."), refused.rawBody);
    assertEquals(1, emulator.counter("grant.refresh_token"));
    assertEquals(1, emulator.counter("revoke"));
  }

  @Test
  void usersAreFoundByEmailOrIdAndOrganizationsMustBeTheirs() throws Exception {
    IssuedSession grace = emulator.issueSession("GRACE@example.com");
    HttpResponse<String> byId = http.postJson("/_emulate/sessions", "{\"user_id\": \"" + grace.userId()
        + "\", \"organization_id\": \"" + grace.organizationId() + "\"}");
    assertEquals(200, byId.statusCode(), byId.body());
    assertEquals(grace.userId(), EmulatorHttp.json(byId).getJsonObject("user").getString("id"));

    HttpResponse<String> nobody = http.postJson("/_emulate/sessions", "{}");
    assertEquals(422, nobody.statusCode());
    assertEquals("invalid_request_parameters", EmulatorHttp.json(nobody).getString("code"));
    HttpResponse<String> unknown = http.postJson("/_emulate/sessions", "{\"email\": \"nobody@example.com\"}");
    assertEquals(404, unknown.statusCode());
    assertEquals("entity_not_found", EmulatorHttp.json(unknown).getString("code"));
    HttpResponse<String> foreign = http.postJson("/_emulate/sessions",
        "{\"email\": \"ada@example.com\", \"organization_id\": \"org_elsewhere\"}");
    assertEquals(422, foreign.statusCode());
    HttpResponse<String> mismatch = http.postJson("/_emulate/sessions",
        "{\"email\": \"ada@example.com\", \"user_id\": \"" + grace.userId() + "\"}");
    assertEquals(404, mismatch.statusCode(), "email and user_id must name the same user");

    assertThrows(IllegalArgumentException.class, () -> emulator.issueSession("nobody@example.com"));
    IllegalArgumentException notMember = assertThrows(IllegalArgumentException.class,
        () -> emulator.issueSession("ada@example.com", "org_elsewhere"));
    assertTrue(notMember.getMessage().contains("not an active member"), notMember.getMessage());
  }
}
