package io.github.authkitservlet.emulator.data;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a seed file. The schema is the official WorkOS emulator's ({@code users},
 * {@code organizations} with {@code memberships} by email, {@code roles}, {@code permissions})
 * plus {@code clients}. Problems are reported with the JSON path of the bad value, all at once.
 */
public final class SeedReader {

  /** The default client: any loopback redirect URI, logout back to any loopback URL. */
  public static final String DEFAULT_CLIENT_ID = "client_emulate";
  public static final String DEFAULT_API_KEY = "sk_test_default";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Set<String> TOP_LEVEL = Set.of("users", "organizations", "roles", "permissions", "clients",
      "connections", "invitations", "webhookEndpoints", "apiKeys");

  private final Instant now;
  private final List<String> problems = new ArrayList<>();

  private SeedReader(Instant now) {
    this.now = now;
  }

  public static Seed read(String json, Instant now) {
    return new SeedReader(now).parse(json);
  }

  /**
   * The built-in seed: Example Corp with Ada (member), Grace (admin) and Linus (member), Analytical
   * Engines with Linus (admin), and two customer API keys for Example Corp (one expired).
   */
  public static Seed defaultSeed(Instant now) {
    try (InputStream in = SeedReader.class.getResourceAsStream("default-seed.json")) {
      if (in == null) {
        throw new IllegalStateException("default-seed.json is missing from the emulator jar");
      }
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), now);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default seed", e);
    }
  }

  public static Client defaultClient() {
    return new Client(DEFAULT_CLIENT_ID, List.of(DEFAULT_API_KEY),
        List.of("http://localhost:*/*", "http://127.0.0.1:*/*"),
        List.of("http://localhost:*/*", "http://127.0.0.1:*/*"),
        "http://localhost:8080/", "http://localhost:8080/login");
  }

  private Seed parse(String json) {
    JsonObject root;
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        throw new IllegalArgumentException("Invalid seed: the top level must be a JSON object");
      }
      root = object;
    } catch (JsonException e) {
      throw new IllegalArgumentException("Invalid seed: not valid JSON (" + e.getMessage() + ")", e);
    }
    for (String key : root.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        problems.add(key + ": unknown section; known: " + new java.util.TreeSet<>(TOP_LEVEL));
      }
    }
    List<User> users = users(array(root, "users", "users"));
    Map<String, String> idByEmail = new HashMap<>();
    users.forEach(u -> idByEmail.put(u.email().toLowerCase(Locale.ROOT), u.id()));
    List<Role> roles = roles(array(root, "roles", "roles"));
    Set<String> roleSlugs = new HashSet<>();
    roles.forEach(r -> roleSlugs.add(r.slug()));
    List<Organization> orgs = organizations(array(root, "organizations", "organizations"), idByEmail, roleSlugs);
    array(root, "permissions", "permissions"); // descriptive only: roles carry the slugs tokens use
    List<Client> clients = clients(array(root, "clients", "clients"));
    List<WebhookEndpoint> webhooks = webhookEndpoints(array(root, "webhookEndpoints", "webhookEndpoints"));
    List<Client> effectiveClients = clients.isEmpty() ? List.of(defaultClient()) : clients;
    List<ApiKey> apiKeys = apiKeys(array(root, "apiKeys", "apiKeys"), orgs, users, effectiveClients);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid seed:\n  " + String.join("\n  ", problems));
    }
    return new Seed(users, orgs, roles, effectiveClients, webhooks, apiKeys);
  }

  private List<User> users(List<JsonObject> items) {
    List<User> users = new ArrayList<>();
    Set<String> emails = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject u = items.get(i);
      String at = "users[" + i + "]";
      String email = string(u, "email", at);
      if (email == null || !EMAIL.matcher(email.trim()).matches()) {
        problems.add(at + ".email: required, a valid email address");
        continue;
      }
      email = email.trim();
      if (!emails.add(email.toLowerCase(Locale.ROOT))) {
        problems.add(at + ".email: must be unique across users");
      }
      String id = id(u, at, "user", email.toLowerCase(Locale.ROOT));
      if (!ids.add(id)) {
        problems.add(at + ".id: must be unique across users");
      }
      Impersonator impersonator = null;
      if (u.containsKey("impersonator") && u.get("impersonator") instanceof JsonObject imp) {
        String impEmail = string(imp, "email", at + ".impersonator");
        if (impEmail == null) {
          problems.add(at + ".impersonator.email: required");
        }
        impersonator = new Impersonator(impEmail, string(imp, "reason", at + ".impersonator"));
      } else if (u.containsKey("impersonator") && u.get("impersonator") != JsonValue.NULL) {
        problems.add(at + ".impersonator: must be an object {email, reason}");
      }
      Boolean verified = bool(u, "email_verified", at);
      users.add(new User(id, email, string(u, "password", at), string(u, "first_name", at),
          string(u, "last_name", at), verified == null || verified, string(u, "profile_picture_url", at),
          string(u, "external_id", at), stringMap(u, "metadata", at), string(u, "locale", at), impersonator,
          now, now, null));
    }
    return users;
  }

  private List<Role> roles(List<JsonObject> items) {
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject r = items.get(i);
      String at = "roles[" + i + "]";
      String slug = string(r, "slug", at);
      if (slug == null) {
        problems.add(at + ".slug: required");
        continue;
      }
      String name = string(r, "name", at);
      roles.add(new Role(slug, name == null ? slug : name, strings(r, "permissions", at)));
    }
    return roles;
  }

  private List<Organization> organizations(List<JsonObject> items, Map<String, String> idByEmail,
      Set<String> roleSlugs) {
    List<Organization> orgs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject o = items.get(i);
      String at = "organizations[" + i + "]";
      String name = string(o, "name", at);
      if (name == null) {
        problems.add(at + ".name: required");
        continue;
      }
      if (!names.add(name)) {
        // apiKeys name their organization: two of the same name would be ambiguous.
        problems.add(at + ".name: must be unique across organizations");
      }
      String id = id(o, at, "org", name);
      if (!ids.add(id)) {
        problems.add(at + ".id: must be unique across organizations");
      }
      List<Membership> memberships = new ArrayList<>();
      List<JsonObject> ms = array(o, "memberships", at + ".memberships");
      for (int m = 0; m < ms.size(); m++) {
        JsonObject mo = ms.get(m);
        String mat = at + ".memberships[" + m + "]";
        String email = string(mo, "email", mat);
        String userId = email == null ? null : idByEmail.get(email.trim().toLowerCase(Locale.ROOT));
        if (userId == null) {
          problems.add(mat + ".email: required, the email of a user defined in users");
          continue;
        }
        List<String> roles = new ArrayList<>();
        String role = string(mo, "role", mat);
        if (role != null) {
          roles.add(role);
        }
        strings(mo, "roles", mat).stream().filter(r -> !roles.contains(r)).forEach(roles::add);
        if (roles.isEmpty()) {
          roles.add("member");
        }
        for (String r : roles) {
          if (!roleSlugs.contains(r) && !r.equals("member")) {
            problems.add(mat + ".role: '" + r + "' is not defined in roles");
          }
        }
        String status = string(mo, "status", mat);
        if (status != null && !List.of("active", "inactive", "pending").contains(status)) {
          problems.add(mat + ".status: must be \"active\", \"inactive\" or \"pending\"");
        }
        memberships.add(new Membership(Ids.stable("om", userId + ":" + id), userId, id, roles,
            status == null ? "active" : status, now, now));
      }
      orgs.add(new Organization(id, name, string(o, "external_id", at), stringMap(o, "metadata", at),
          strings(o, "entitlements", at), strings(o, "feature_flags", at), memberships, now, now));
    }
    return orgs;
  }

  private List<Client> clients(List<JsonObject> items) {
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject c = items.get(i);
      String at = "clients[" + i + "]";
      String clientId = string(c, "client_id", at);
      if (clientId == null || !ID.matcher(clientId).matches()) {
        problems.add(at + ".client_id: required, letters, digits, '_' or '-'");
        continue;
      }
      List<String> keys = strings(c, "api_keys", at);
      if (keys.isEmpty()) {
        problems.add(at + ".api_keys: at least one API key is required");
      }
      List<String> redirects = strings(c, "redirect_uris", at);
      if (redirects.isEmpty()) {
        problems.add(at + ".redirect_uris: at least one redirect URI is required");
      }
      String homepage = string(c, "homepage", at);
      if (homepage != null && !Client.isCleanAbsoluteUri(homepage)) {
        problems.add(at + ".homepage: must be an absolute http(s) URL");
      }
      String initiateLogin = string(c, "initiate_login_uri", at);
      if (initiateLogin != null && !Client.isCleanAbsoluteUri(initiateLogin)) {
        problems.add(at + ".initiate_login_uri: must be an absolute http(s) URL");
      }
      clients.add(new Client(clientId, keys, redirects, strings(c, "logout_uris", at),
          homepage == null ? "http://localhost:8080/" : homepage, initiateLogin));
    }
    return clients;
  }

  /**
   * The official emulator's {@code webhookEndpoints}: {@code endpoint_url} (or {@code url}), an
   * optional pinned {@code secret} (generated otherwise), {@code events} (empty = every event) and
   * {@code enabled}. Only loopback URLs are accepted.
   */
  private List<WebhookEndpoint> webhookEndpoints(List<JsonObject> items) {
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject w = items.get(i);
      String at = "webhookEndpoints[" + i + "]";
      String url = string(w, "endpoint_url", at);
      if (url == null) {
        url = string(w, "url", at);
      }
      if (url == null) {
        problems.add(at + ".endpoint_url: required");
        continue;
      }
      if (!LoopbackUrl.isLoopback(url)) {
        problems.add(at + ".endpoint_url: " + LoopbackUrl.RULE);
        continue;
      }
      String secret = string(w, "secret", at);
      if (secret == null && w.get("secret") instanceof JsonString) {
        problems.add(at + ".secret: must not be empty (leave it out to have one generated)");
      }
      Boolean enabled = bool(w, "enabled", at);
      endpoints.add(new WebhookEndpoint(Ids.stable("we", at + ":" + url), url, secret == null ? Ids.secret() : secret,
          strings(w, "events", at), enabled == null || enabled, now, now));
    }
    return endpoints;
  }

  /**
   * The official emulator's {@code apiKeys} (the array form): {@code name}, the owning
   * {@code organization} by name, optionally a {@code user_id} within it, a pinned {@code value}
   * starting with {@code sk_} (generated otherwise), {@code permissions} and {@code expires_at}.
   */
  private List<ApiKey> apiKeys(List<JsonObject> items, List<Organization> orgs, List<User> users,
      List<Client> clients) {
    List<ApiKey> keys = new ArrayList<>();
    Set<String> values = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject k = items.get(i);
      String at = "apiKeys[" + i + "]";
      String name = string(k, "name", at);
      if (name == null) {
        problems.add(at + ".name: required");
      }
      String orgName = string(k, "organization", at);
      Organization org = orgs.stream().filter(o -> o.name().equals(orgName)).findFirst().orElse(null);
      if (org == null) {
        problems.add(at + ".organization: required, the name of an organization defined in organizations");
      }
      String userId = string(k, "user_id", at);
      if (userId != null && users.stream().noneMatch(u -> u.id().equals(userId))) {
        problems.add(at + ".user_id: the id of a user defined in users");
      }
      String value = string(k, "value", at);
      if (value != null && (!value.startsWith("sk_") || value.length() > 256)) {
        problems.add(at + ".value: must start with \"sk_\" (at most 256 characters)");
      }
      if (value != null && clients.stream().anyMatch(c -> c.hasApiKey(value))) {
        problems.add(at + ".value: is the application's own API key; a customer's key must differ");
      }
      if (value != null && !values.add(value)) {
        problems.add(at + ".value: must be unique across apiKeys");
      }
      Instant expiresAt = instant(k, "expires_at", at);
      if (name == null || org == null) {
        continue;
      }
      String effectiveValue = value == null ? "sk_test_" + Ids.secret() : value;
      keys.add(new ApiKey(Ids.stable("api_key", at + ":" + name), name, effectiveValue, org.id(), userId,
          strings(k, "permissions", at), expiresAt, null, now, now));
    }
    return keys;
  }

  private Instant instant(JsonObject o, String key, String at) {
    String text = string(o, key, at);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(at + "." + key + ": an ISO 8601 timestamp such as 2026-01-01T00:00:00.000Z");
      return null;
    }
  }

  private String id(JsonObject o, String at, String prefix, String naturalKey) {
    String id = string(o, "id", at);
    if (id == null) {
      return Ids.stable(prefix, naturalKey);
    }
    if (!ID.matcher(id).matches()) {
      problems.add(at + ".id: must be URL-safe (letters, digits, '_' or '-')");
    }
    return id;
  }

  private List<JsonObject> array(JsonObject o, String key, String at) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      problems.add(at + ": must be an array");
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      if (arr.get(i) instanceof JsonObject item) {
        out.add(item);
      } else {
        problems.add(at + "[" + i + "]: must be an object");
      }
    }
    return out;
  }

  private String string(JsonObject o, String key, String at) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString().isBlank() ? null : s.getString();
    }
    problems.add(at + "." + key + ": must be a string");
    return null;
  }

  private Boolean bool(JsonObject o, String key, String at) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    problems.add(at + "." + key + ": must be true or false");
    return null;
  }

  private List<String> strings(JsonObject o, String key, String at) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray arr) {
      for (JsonValue item : arr) {
        if (item instanceof JsonString s) {
          out.add(s.getString());
        } else {
          problems.add(at + "." + key + ": must be an array of strings");
          return List.of();
        }
      }
      return out;
    }
    problems.add(at + "." + key + ": must be an array of strings");
    return List.of();
  }

  private Map<String, String> stringMap(JsonObject o, String key, String at) {
    JsonValue v = o.get(key);
    if (v == null || v == JsonValue.NULL) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof JsonObject obj) {
      obj.forEach((k, val) -> {
        if (val instanceof JsonString s) {
          out.put(k, s.getString());
        } else {
          problems.add(at + "." + key + "." + k + ": metadata values must be strings");
        }
      });
      return out;
    }
    problems.add(at + "." + key + ": must be an object of strings");
    return Map.of();
  }
}
