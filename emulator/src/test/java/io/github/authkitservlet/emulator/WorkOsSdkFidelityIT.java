package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.models.AuthenticateResponse;
import com.workos.models.JwksResponse;
import com.workos.models.JwksResponseKeys;
import com.workos.session.AuthenticateSessionResult;
import com.workos.session.Session;
import com.workos.session.SessionKt;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import com.workos.usermanagement.PKCEAuthorizationUrlResult;
import com.workos.usermanagement.UserManagement;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emulator as WorkOS's own Java SDK (7.2.0) sees it: sign-in with PKCE through the hosted
 * page, code exchange, sealed session, JWKS verification, rotating refresh tokens and logout.
 */
class WorkOsSdkFidelityIT {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final String COOKIE_PASSWORD = "a-cookie-password-of-at-least-32-characters";
  private static final String REDIRECT_URI = "http://localhost:8080/callback";

  private final HostedSignIn browser = new HostedSignIn();
  private AuthKitEmulator emulator;
  private WorkOS workos;
  private UserManagement userManagement;

  @BeforeEach
  void connect(AuthKitEmulator emulator) {
    this.emulator = emulator;
    this.workos = new WorkOS(emulator.apiKey(), emulator.clientId(), emulator.baseUrl());
    this.userManagement = workos.getUserManagement();
  }

  private AuthenticateResponse signIn(String email) throws Exception {
    PKCEAuthorizationUrlResult authorization = AuthKitAuthUrlsKt.getAuthorizationUrlWithPKCE(userManagement,
        new AuthKitAuthorizationUrlOptions(REDIRECT_URI, null, "authkit"));
    String location = browser.signIn(authorization.getUrl(), email, "authkit-demo");
    assertTrue(location.startsWith(REDIRECT_URI + "?code="), location);
    assertEquals(authorization.getState(), HostedSignIn.queryParam(location, "state"));
    return userManagement.authenticateWithCode(HostedSignIn.queryParam(location, "code"),
        authorization.getCodeVerifier());
  }

  @Test
  void fullAuthKitFlowThroughTheSdk() throws Exception {
    AuthenticateResponse signedIn = signIn("grace@example.com");
    assertEquals("grace@example.com", signedIn.getUser().getEmail());
    assertEquals("Grace", signedIn.getUser().getFirstName());
    assertEquals("Password", signedIn.getAuthenticationMethod().getValue());
    assertEquals(1, emulator.counter("grant.authorization_code"));

    // Seal with the SDK, then let the SDK verify the access token against our JWKS.
    Session session = SessionKt.getSession(workos);
    String sealed = session.sealAuthResponse(signedIn, COOKIE_PASSWORD);
    AuthenticateSessionResult result = session.loadSealedSession(sealed, COOKIE_PASSWORD).authenticate();
    AuthenticateSessionResult.Success success = assertInstanceOf(AuthenticateSessionResult.Success.class, result);
    assertEquals("admin", success.getRole());
    assertEquals(List.of("admin"), success.getRoles());
    assertTrue(success.getPermissions().contains("reports:read"), success.getPermissions().toString());
    assertEquals(signedIn.getOrganizationId(), success.getOrganizationId());
    assertFalse(success.getSessionId().isEmpty());

    JwksResponse jwks = userManagement.getJwks(emulator.clientId());
    assertEquals(1, jwks.getKeys().size());
    String kid = SignedJWT.parse(signedIn.getAccessToken()).getHeader().getKeyID();
    assertEquals(kid, jwks.getKeys().get(0).getKid());

    AuthenticateResponse refreshed = userManagement.authenticateWithRefreshToken(signedIn.getRefreshToken());
    assertNotEquals(signedIn.getRefreshToken(), refreshed.getRefreshToken());
    assertEquals(success.getSessionId(), SignedJWT.parse(refreshed.getAccessToken()).getJWTClaimsSet()
        .getStringClaim("sid"));

    BadRequestException reused = assertThrows(BadRequestException.class,
        () -> userManagement.authenticateWithRefreshToken(signedIn.getRefreshToken()));
    assertTrue(reused.rawBody.contains("\"error\":\"invalid_grant\""), reused.rawBody);
    assertTrue(reused.rawBody.contains("Refresh token already exchanged."), reused.rawBody);

    String logoutUrl = AuthKitAuthUrlsKt.getLogoutUrl(userManagement,
        new AuthKitLogoutUrlOptions(success.getSessionId(), "http://localhost:8080/signed-out"));
    HttpResponse<String> logout = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(logoutUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, logout.statusCode());
    assertEquals("http://localhost:8080/signed-out", logout.headers().firstValue("Location").orElseThrow());

    BadRequestException afterLogout = assertThrows(BadRequestException.class,
        () -> userManagement.authenticateWithRefreshToken(refreshed.getRefreshToken()));
    assertTrue(afterLogout.rawBody.contains("\"error\":\"invalid_grant\""), afterLogout.rawBody);
    assertEquals(1, emulator.counter("grant.refresh_token"));
    assertEquals(1, emulator.counter("logout"));
  }

  @Test
  void accessTokenHasWorkOsHeaderAndClaims() throws Exception {
    AuthenticateResponse signedIn = signIn("ada@example.com");
    SignedJWT jwt = SignedJWT.parse(signedIn.getAccessToken());
    assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
    assertNull(jwt.getHeader().getType(), "WorkOS access tokens carry no typ header");
    assertEquals(java.util.Set.of("alg", "kid"), jwt.getHeader().toJSONObject().keySet());
    var claims = jwt.getJWTClaimsSet();
    assertEquals(signedIn.getUser().getId(), claims.getSubject());
    assertEquals("member", claims.getStringClaim("role"));
    assertEquals(List.of("member"), claims.getStringListClaim("roles"));
    assertEquals(List.of("audit-logs"), claims.getStringListClaim("entitlements"));
    assertEquals(List.of("new-dashboard"), claims.getStringListClaim("feature_flags"));
    assertEquals(signedIn.getOrganizationId(), claims.getStringClaim("org_id"));
    assertTrue(claims.getJWTID() != null && claims.getStringClaim("sid") != null);
    assertEquals(Duration.ofSeconds(300).toMillis(),
        claims.getExpirationTime().getTime() - claims.getIssueTime().getTime());
  }

  @Test
  void jwksKeyCarriesARealCertificateForTheSameKey() throws Exception {
    JwksResponseKeys key = userManagement.getJwks(emulator.clientId()).getKeys().get(0);
    assertEquals("RSA", key.getKty());
    assertEquals("RS256", key.getAlg());
    assertEquals("sig", key.getUse());
    byte[] der = Base64.getDecoder().decode(key.getX5C().get(0));
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    cert.verify(cert.getPublicKey()); // self-signed, and the signature is genuine
    cert.checkValidity();
    RSAPublicKey certKey = (RSAPublicKey) cert.getPublicKey();
    RSAPublicKey jwkKey = ((RSAKey) JWK.parse(java.util.Map.of("kty", "RSA", "n", key.getN(), "e", key.getE())))
        .toRSAPublicKey();
    assertEquals(jwkKey.getModulus(), certKey.getModulus());
    assertEquals(jwkKey.getPublicExponent(), certKey.getPublicExponent());
    assertEquals(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)).toString(), key.getX5TS256());
  }

  @Test
  void advancingTheClockMovesTokenTimesWithoutSleeping() throws Exception {
    AuthenticateResponse signedIn = signIn("ada@example.com");
    emulator.advanceClock(Duration.ofMinutes(10));
    AuthenticateResponse refreshed = userManagement.authenticateWithRefreshToken(signedIn.getRefreshToken());
    var first = SignedJWT.parse(signedIn.getAccessToken()).getJWTClaimsSet();
    var second = SignedJWT.parse(refreshed.getAccessToken()).getJWTClaimsSet();
    long movedSeconds = (second.getIssueTime().getTime() - first.getIssueTime().getTime()) / 1000;
    assertTrue(movedSeconds >= 600 && movedSeconds < 660, "iat moved by " + movedSeconds + " s");
    // From the emulator's point of view the first token expired five minutes ago.
    assertTrue(first.getExpirationTime().before(second.getIssueTime()));
  }

  @Test
  void rotatedKeyStillVerifiesOldTokensAndSignsNewOnes() throws Exception {
    AuthenticateResponse before = signIn("ada@example.com");
    emulator.rotateSigningKey();
    AuthenticateResponse after = userManagement.authenticateWithRefreshToken(before.getRefreshToken());
    String oldKid = SignedJWT.parse(before.getAccessToken()).getHeader().getKeyID();
    String newKid = SignedJWT.parse(after.getAccessToken()).getHeader().getKeyID();
    assertNotEquals(oldKid, newKid);
    List<String> published = userManagement.getJwks(emulator.clientId()).getKeys().stream()
        .map(JwksResponseKeys::getKid).toList();
    assertEquals(List.of(newKid, oldKid), published);

    Session session = SessionKt.getSession(workos);
    assertTrue(session.loadSealedSession(session.sealAuthResponse(after, COOKIE_PASSWORD), COOKIE_PASSWORD)
        .authenticate().getAuthenticated());

    emulator.advanceClock(Duration.ofHours(2));
    List<String> later = userManagement.getJwks(emulator.clientId()).getKeys().stream()
        .map(JwksResponseKeys::getKid).toList();
    assertEquals(List.of(newKid), later);
  }
}
