package io.github.authkitservlet.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedReaderTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void defaultSeedHasTheDocumentedDemoData() {
    Seed seed = SeedReader.defaultSeed(NOW);
    Directory directory = new Directory(seed, java.time.Clock.systemUTC());
    Organization org = seed.organizations().get(0);
    assertEquals("Example Corp", org.name());

    User ada = directory.userByEmail("ada@example.com").orElseThrow();
    assertEquals("Ada Lovelace", ada.fullName());
    assertEquals("authkit-demo", ada.password());
    assertEquals(List.of("member"), directory.membership(ada.id(), org.id()).orElseThrow().roles());

    User grace = directory.userByEmail("GRACE@example.com").orElseThrow();
    assertEquals("Grace Hopper", grace.fullName());
    List<String> roles = directory.membership(grace.id(), org.id()).orElseThrow().roles();
    assertEquals(List.of("admin"), roles);
    assertTrue(directory.permissions(roles).contains("reports:read"));

    User linus = directory.userByEmail("linus@example.com").orElseThrow();
    assertEquals("Linus Torvalds", linus.fullName());
    assertEquals(List.of("member"), directory.membership(linus.id(), org.id()).orElseThrow().roles());
    Organization engines = seed.organizations().get(1);
    assertEquals("Analytical Engines", engines.name());
    assertEquals(List.of("admin"), directory.membership(linus.id(), engines.id()).orElseThrow().roles());
    assertEquals(2, directory.memberships(linus.id()).size(), "so the hosted page asks Linus to pick one");

    Client client = seed.defaultClient();
    assertEquals("client_emulate", client.clientId());
    assertEquals(List.of("sk_test_default"), client.apiKeys());
    assertEquals("http://localhost:8080/", client.homepage());
  }

  @Test
  void idsAreStableAcrossReads() {
    String first = SeedReader.defaultSeed(NOW).users().get(0).id();
    String second = SeedReader.defaultSeed(Instant.now()).users().get(0).id();
    assertEquals(first, second);
    assertTrue(first.matches("user_[0-9A-HJKMNP-TV-Z]{26}"), first);
  }

  @Test
  void explicitIdsAndClientsAreKept() {
    Seed seed = SeedReader.read("""
        {"users": [{"id": "user_ada", "email": "ada@example.com"}],
         "organizations": [{"id": "org_x", "name": "X", "memberships": [{"email": "ADA@example.com",
           "roles": ["viewer", "editor"]}]}],
         "roles": [{"slug": "viewer"}, {"slug": "editor", "permissions": ["docs:write"]}],
         "clients": [{"client_id": "client_app", "api_keys": ["sk_test_app"],
           "redirect_uris": ["https://app.example.com/callback"]}]}
        """, NOW);
    assertEquals("user_ada", seed.users().get(0).id());
    assertTrue(seed.users().get(0).emailVerified(), "email_verified defaults to true for seeded users");
    Membership membership = seed.organizations().get(0).memberships().get(0);
    assertEquals("user_ada", membership.userId());
    assertEquals(List.of("viewer", "editor"), membership.roles());
    assertEquals("client_app", seed.defaultClient().clientId());
    assertEquals(1, seed.clients().size(), "a seed with clients replaces the default client");
  }

  @Test
  void everyProblemIsReportedWithItsPath() {
    assertReported("""
        {"users": [{"email": "not-an-email"}, {"email": "a@example.com", "id": "bad/id"},
                   {"email": "A@example.com", "email_verified": "yes"}],
         "organizations": [{"memberships": []},
           {"name": "Org", "memberships": [{"email": "ghost@example.com"},
             {"email": "a@example.com", "role": "owner", "status": "sleeping"}]}],
         "clients": [{"client_id": "c"}],
         "extras": {}}
        """, List.of(
        "users[0].email: required, a valid email address",
        "users[1].id: must be URL-safe",
        "users[2].email: must be unique across users",
        "users[2].email_verified: must be true or false",
        "organizations[0].name: required",
        "organizations[1].memberships[0].email: required, the email of a user defined in users",
        "organizations[1].memberships[1].role: 'owner' is not defined in roles",
        "organizations[1].memberships[1].status: must be",
        "clients[0].api_keys: at least one API key is required",
        "clients[0].redirect_uris: at least one redirect URI is required",
        "extras: unknown section"));
  }

  @Test
  void apiKeyAndWebhookProblemsAreReportedWithTheirPaths() {
    assertReported("""
        {"users": [{"email": "a@example.com"}],
         "organizations": [{"name": "Org"}],
         "apiKeys": [{"organization": "Nope", "value": "pk_live_x"},
                     {"name": "k", "organization": "Org", "user_id": "user_ghost", "value": "sk_test_default"},
                     {"name": "k2", "organization": "Org", "value": "sk_same", "expires_at": "tomorrow"},
                     {"name": "k3", "organization": "Org", "value": "sk_same"}],
         "webhookEndpoints": [{"secret": "s"}, {"endpoint_url": "https://hooks.example.com/x"},
                              {"endpoint_url": "http://localhost:9/x", "secret": ""}]}
        """, List.of(
        "apiKeys[0].name: required",
        "apiKeys[0].organization: required, the name of an organization defined in organizations",
        "apiKeys[0].value: must start with \"sk_\"",
        "apiKeys[1].user_id: the id of a user defined in users",
        "apiKeys[1].value: is the application's own API key",
        "apiKeys[2].expires_at: an ISO 8601 timestamp",
        "apiKeys[3].value: must be unique across apiKeys",
        "webhookEndpoints[0].endpoint_url: required",
        "webhookEndpoints[1].endpoint_url: the WorkOS emulator only sends webhooks to this machine",
        "webhookEndpoints[2].secret: must not be empty"));
  }

  /** The seed is refused and the message names every expected problem. */
  private static void assertReported(String seed, List<String> expectedProblems) {
    String message = assertThrows(IllegalArgumentException.class, () -> SeedReader.read(seed, NOW)).getMessage();
    for (String expected : expectedProblems) {
      assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
    }
  }

  @Test
  void defaultSeedHasTheDemoApiKeys() {
    Directory directory = new Directory(SeedReader.defaultSeed(NOW), java.time.Clock.systemUTC());
    ApiKey demo = directory.useApiKey("sk_demo_reports_0123456789abcdef").orElseThrow();
    assertEquals(List.of("reports:read"), demo.permissions());
    assertEquals(SeedReader.defaultSeed(NOW).organizations().get(0).id(), demo.organizationId());
    assertTrue(directory.useApiKey("sk_demo_expired_0123456789abcdef").isEmpty(), "the expired demo key");
  }

  @Test
  void malformedJsonIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedReader.read("{", NOW));
    assertTrue(e.getMessage().startsWith("Invalid seed: not valid JSON"), e.getMessage());
    IllegalArgumentException array = assertThrows(IllegalArgumentException.class, () -> SeedReader.read("[]", NOW));
    assertTrue(array.getMessage().contains("top level must be a JSON object"), array.getMessage());
  }

  @Test
  void metadataMustBeStrings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedReader.read(
        "{\"users\": [{\"email\": \"a@example.com\", \"metadata\": {\"n\": 1}}]}", NOW));
    assertTrue(e.getMessage().contains("users[0].metadata.n: metadata values must be strings"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"));
  }
}
