package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.workos.WorkOS;
import com.workos.common.exceptions.UnauthorizedException;
import com.workos.models.ApiKey;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api_keys/validations}: the keys an application's customers create, validated
 * through WorkOS's Java SDK (7.2.0) and checked against WorkOS's {@code ApiKey} shape.
 */
class ApiKeysIT extends EmulatorClients {

  static final String DEMO_KEY = "sk_demo_reports_0123456789abcdef";
  static final String EXPIRED_KEY = "sk_demo_expired_0123456789abcdef";

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private final OpenApiShapes shapes = new OpenApiShapes();

  private HttpResponse<String> validate(String value) throws Exception {
    return http.postJson("/api_keys/validations", "{\"value\": \"" + value + "\"}");
  }

  @Test
  void theDemoKeyValidatesThroughTheSdk() {
    ApiKey key = workos.getApiKeys().createValidation(DEMO_KEY).getApiKey();
    assertNotNull(key, "the default seed's demo key is valid");
    assertEquals("api_key", key.getObjectType());
    assertTrue(key.getId().startsWith("api_key_"), key.getId());
    assertEquals("organization", key.getOwner().getType());
    assertEquals(emulator.issueSession("ada@example.com").organizationId(), key.getOwner().getId(),
        "owned by Example Corp");
    assertEquals(List.of("reports:read"), key.getPermissions());
    assertEquals("sk_\u2026cdef", key.getObfuscatedValue());
    assertNull(key.getExpiresAt());
    assertNull(key.getLastUsedAt(), "never used before this validation");

    ApiKey again = workos.getApiKeys().createValidation(DEMO_KEY).getApiKey();
    assertNotNull(again.getLastUsedAt(), "the first validation was a use");
    assertEquals(2, emulator.counter("api_key_validation"));
  }

  @Test
  void theAnswerHasWorkOsShapeAndNeverTheKey() throws Exception {
    HttpResponse<String> response = validate(DEMO_KEY);
    assertEquals(200, response.statusCode(), response.body());
    assertFalse(response.body().contains(DEMO_KEY), response.body());
    JsonObject body = EmulatorHttp.json(response);
    assertEquals(List.of(), shapes.problems("ApiKeyValidationResponse", body));
    assertEquals(List.of(), shapes.problems("ApiKey", body.getJsonObject("api_key")));
  }

  @Test
  void unknownExpiredAndForeignValuesAreNullNotErrors() throws Exception {
    for (String value : new String[] {EXPIRED_KEY, "sk_demo_reports_0123456789abcdeX", emulator.apiKey(),
        "not-a-key", "sk_" + "x".repeat(300)}) {
      HttpResponse<String> response = validate(value);
      assertEquals(200, response.statusCode(), value + " → " + response.body());
      assertTrue(EmulatorHttp.json(response).isNull("api_key"), value + " → " + response.body());
    }
    assertNull(workos.getApiKeys().createValidation(EXPIRED_KEY).getApiKey());
    assertEquals(6, emulator.counter("api_key_validation"));
    assertEquals(6, emulator.counter("api_key_validation.rejected"));
  }

  @Test
  void validationNeedsTheApplicationsOwnKey() throws Exception {
    byte[] body = ("{\"value\": \"" + DEMO_KEY + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> anonymous = http.post("/api_keys/validations", "application/json", body);
    assertEquals(401, anonymous.statusCode());
    assertEquals("unauthorized", EmulatorHttp.json(anonymous).getString("code"));
    assertFalse(anonymous.body().contains(DEMO_KEY));

    // A customer's key is not a key to the WorkOS API.
    WorkOS asCustomer = new WorkOS(DEMO_KEY, emulator.clientId(), emulator.baseUrl());
    assertThrows(UnauthorizedException.class, () -> asCustomer.getApiKeys().createValidation(DEMO_KEY));
    assertEquals(0, emulator.counter("api_key_validation"));

    HttpResponse<String> noValue = http.postJson("/api_keys/validations", "{}");
    assertEquals(422, noValue.statusCode());
    assertEquals("invalid_request_parameters", EmulatorHttp.json(noValue).getString("code"));
    assertEquals(400, http.postJson("/api_keys/validations", "{\"value\": ").statusCode());
  }

  @Test
  void seededKeysCanBelongToAUserAndExpireWithTheEmulatorsClock() {
    String seed = """
        {
          "users": [{"id": "user_owner", "email": "owner@example.com"}],
          "organizations": [{"id": "org_acme", "name": "Acme", "memberships": [{"email": "owner@example.com"}]}],
          "apiKeys": [
            {"name": "Personal", "organization": "Acme", "user_id": "user_owner", "value": "sk_test_personal_key_1",
             "permissions": ["widgets:read", "widgets:write"]},
            {"name": "Soon expired", "organization": "Acme", "value": "sk_test_expires_in_an_hour",
             "expires_at": "%s"}
          ]
        }
        """.formatted(Instant.now().plus(Duration.ofHours(1)));
    try (AuthKitEmulator own = AuthKitEmulator.builder().seedJson(seed).start()) {
      WorkOS sdk = sdk(own);
      ApiKey personal = sdk.getApiKeys().createValidation("sk_test_personal_key_1").getApiKey();
      assertEquals("user", personal.getOwner().getType());
      assertEquals("user_owner", personal.getOwner().getId());
      assertEquals("org_acme", personal.getOwner().getOrganizationId());
      assertEquals(List.of("widgets:read", "widgets:write"), personal.getPermissions());

      assertNotNull(sdk.getApiKeys().createValidation("sk_test_expires_in_an_hour").getApiKey());
      own.advanceClock(Duration.ofMinutes(61));
      assertNull(sdk.getApiKeys().createValidation("sk_test_expires_in_an_hour").getApiKey());
      own.reset();
      assertNotNull(sdk.getApiKeys().createValidation("sk_test_expires_in_an_hour").getApiKey(),
          "reset puts the clock back");
    }
  }
}
