package io.github.authkitservlet.emulator;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** One sign-in attempt over plain HTTP: a PKCE pair, a state and the authorize URL. */
final class PkceFlow {

  static final String REDIRECT_URI = "http://localhost:8080/callback";

  final String verifier;
  final String challenge;
  final String state;

  PkceFlow() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    state = "state-" + Integer.toHexString(random[0] & 0xff);
  }

  String authorizeUrl(AuthKitEmulator emulator, String extraQuery) {
    return emulator.baseUrl() + "/user_management/authorize?client_id=" + emulator.clientId()
        + "&redirect_uri=" + encode(REDIRECT_URI) + "&response_type=code&provider=authkit"
        + "&state=" + encode(state) + "&code_challenge=" + challenge + "&code_challenge_method=S256"
        + (extraQuery == null ? "" : "&" + extraQuery);
  }

  String authorizeUrl(AuthKitEmulator emulator) {
    return authorizeUrl(emulator, null);
  }

  /** Signs in on the hosted page and returns the code from the redirect. */
  String code(AuthKitEmulator emulator, String email) throws Exception {
    String location = new HostedSignIn().signIn(authorizeUrl(emulator), email, "authkit-demo");
    return HostedSignIn.queryParam(location, "code");
  }

  /** Signs in on the hosted page and exchanges the code (with PKCE): the authenticate answer. */
  static JsonObject signIn(AuthKitEmulator emulator, String email) throws Exception {
    PkceFlow flow = new PkceFlow();
    HttpResponse<String> response = new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, email)));
    if (response.statusCode() != 200) {
      throw new AssertionError("authenticate answered " + response.statusCode() + ": " + response.body());
    }
    return EmulatorHttp.json(response);
  }

  /** The JSON body of an authorization_code grant for {@code code} with this flow's verifier. */
  String codeGrant(AuthKitEmulator emulator, String code) {
    return "{\"grant_type\":\"authorization_code\",\"client_id\":\"" + emulator.clientId()
        + "\",\"client_secret\":\"" + emulator.apiKey() + "\",\"code\":\"" + code
        + "\",\"code_verifier\":\"" + verifier + "\"}";
  }

  static String refreshGrant(AuthKitEmulator emulator, String refreshToken) {
    return "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + emulator.clientId()
        + "\",\"client_secret\":\"" + emulator.apiKey() + "\",\"refresh_token\":\"" + refreshToken + "\"}";
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
