package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw JSON bodies checked against WorkOS's OpenAPI schemas (names, required keys, types). */
class ResponseShapesIT {

  private static final String SEED = """
      {
        "users": [
          {"email": "ada@example.com", "password": "authkit-demo", "first_name": "Ada", "last_name": "Lovelace",
           "email_verified": true, "metadata": {"team": "engines"}},
          {"email": "nobody@example.com", "password": "authkit-demo",
           "impersonator": {"email": "support@example.com", "reason": "Debugging a ticket"}}
        ],
        "organizations": [
          {"name": "Example Corp", "memberships": [{"email": "ada@example.com", "role": "member"}]}
        ],
        "roles": [{"slug": "member", "permissions": ["reports:read:own"]}]
      }
      """;

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension(b -> b.seedJson(SEED));

  private final OpenApiShapes shapes = new OpenApiShapes();

  private JsonObject signIn(AuthKitEmulator emulator, String email) throws Exception {
    PkceFlow flow = new PkceFlow();
    HttpResponse<String> response = new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, flow.code(emulator, email)));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return EmulatorHttp.json(response);
  }

  @Test
  void authenticateAnswerMatchesUserlandAuthenticateResponse(AuthKitEmulator emulator) throws Exception {
    JsonObject body = signIn(emulator, "ada@example.com");
    assertEquals(List.of(), shapes.problems("UserlandAuthenticateResponse", body));
    assertEquals("Password", body.getString("authentication_method"));
    assertEquals("engines", body.getJsonObject("user").getJsonObject("metadata").getString("team"));
    assertTrue(body.containsKey("organization_id"));
  }

  @Test
  void refreshAnswerMatchesUserlandAuthenticateResponse(AuthKitEmulator emulator) throws Exception {
    JsonObject first = signIn(emulator, "ada@example.com");
    HttpResponse<String> refreshed = new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        PkceFlow.refreshGrant(emulator, first.getString("refresh_token")));
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    assertEquals(List.of(), shapes.problems("UserlandAuthenticateResponse", EmulatorHttp.json(refreshed)));
  }

  @Test
  void impersonatedSignInCarriesTheImpersonator(AuthKitEmulator emulator) throws Exception {
    JsonObject body = signIn(emulator, "nobody@example.com");
    assertEquals(List.of(), shapes.problems("UserlandAuthenticateResponse", body));
    assertEquals("support@example.com", body.getJsonObject("impersonator").getString("email"));
    assertTrue(!body.containsKey("organization_id"), "a user without memberships signs in without an org");
  }

  @Test
  void userLookupMatchesUserlandUser(AuthKitEmulator emulator) throws Exception {
    String id = signIn(emulator, "ada@example.com").getJsonObject("user").getString("id");
    HttpResponse<String> response = new EmulatorHttp(emulator)
        .getWithApiKey("/user_management/users/" + id, emulator.apiKey());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject user = EmulatorHttp.json(response);
    assertEquals(List.of(), shapes.problems("UserlandUser", user));
    assertEquals("Ada Lovelace", user.getString("name"));
    assertTrue(user.get("last_sign_in_at") instanceof jakarta.json.JsonString, "sign-in recorded");
  }

  @Test
  void jwksMatchesJwksResponse(AuthKitEmulator emulator) throws Exception {
    HttpResponse<String> response = new EmulatorHttp(emulator).get("/sso/jwks/" + emulator.clientId());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of(), shapes.problems("JwksResponse", EmulatorHttp.json(response)));
  }

  @Test
  void theCheckerCatchesADeviation() {
    // Guard against a checker that accepts anything.
    var broken = jakarta.json.Json.createObjectBuilder().add("access_token", 1).add("extra", "x").build();
    List<String> problems = shapes.problems("UserlandAuthenticateResponse", broken);
    assertTrue(problems.contains("UserlandAuthenticateResponse.user: required but missing"), problems.toString());
    assertTrue(problems.contains("UserlandAuthenticateResponse.extra: not defined by the spec"), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("UserlandAuthenticateResponse.access_token: expected")),
        problems.toString());
  }
}
