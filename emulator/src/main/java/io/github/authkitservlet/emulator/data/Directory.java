package io.github.authkitservlet.emulator.data;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who and what the emulator knows: the seed's users, organizations, roles and clients, plus
 * users created through sign-up. {@link #reset()} returns to the seed.
 * All methods are synchronized: the emulator serves a handful of requests at a time.
 */
public final class Directory {

  private final Seed seed;
  private final Clock clock;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Organization> organizations = new LinkedHashMap<>();
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  /** Customers' API keys by their value. */
  private final Map<String, ApiKey> apiKeys = new HashMap<>();

  public Directory(Seed seed, Clock clock) {
    this.seed = seed;
    this.clock = clock;
    reset();
  }

  public synchronized void reset() {
    users.clear();
    organizations.clear();
    roles.clear();
    clients.clear();
    seed.users().forEach(u -> users.put(u.id(), u));
    seed.organizations().forEach(o -> organizations.put(o.id(), o));
    seed.roles().forEach(r -> roles.put(r.slug(), r));
    seed.clients().forEach(c -> clients.put(c.clientId(), c));
    apiKeys.clear();
    seed.apiKeys().forEach(k -> apiKeys.put(k.value(), k));
  }

  public Client defaultClient() {
    return seed.defaultClient();
  }

  public List<User> seededUsers() {
    return seed.users();
  }

  public synchronized Optional<Client> client(String clientId) {
    return Optional.ofNullable(clientId == null ? null : clients.get(clientId));
  }

  /** True when the key is an API key of any registered client (what WorkOS's API accepts). */
  public synchronized boolean isApiKey(String key) {
    return clients.values().stream().anyMatch(c -> c.hasApiKey(key));
  }

  /**
   * The customer API key with this value when it exists and has not expired, as it was before this
   * use; the use is recorded ({@code last_used_at}) for the next time.
   */
  public synchronized Optional<ApiKey> useApiKey(String value) {
    ApiKey key = value == null ? null : apiKeys.get(value);
    var now = clock.instant();
    if (key == null || !key.validAt(now)) {
      return Optional.empty();
    }
    apiKeys.put(value, key.usedAt(now));
    return Optional.of(key);
  }

  public synchronized Optional<User> user(String id) {
    return Optional.ofNullable(id == null ? null : users.get(id));
  }

  public synchronized Optional<User> userByEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    String wanted = email.trim().toLowerCase(Locale.ROOT);
    return users.values().stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  /** Creates a user through the hosted sign-up page. */
  public synchronized User signUp(String email, String password, String firstName, String lastName) {
    if (userByEmail(email).isPresent()) {
      throw new IllegalStateException("a user with this email already exists");
    }
    var now = clock.instant();
    User user = new User(Ids.random("user", now), email.trim(), password, firstName, lastName, false, null, null,
        Map.of(), null, null, now, now, null);
    users.put(user.id(), user);
    return user;
  }

  /** Records a successful sign-in ({@code last_sign_in_at}) and returns the updated user. */
  public synchronized User recordSignIn(String userId) {
    User updated = users.get(userId).signedInAt(clock.instant());
    users.put(userId, updated);
    return updated;
  }

  public synchronized Optional<Organization> organization(String id) {
    return Optional.ofNullable(id == null ? null : organizations.get(id));
  }

  /** The user's active memberships, in seed order. */
  public synchronized List<Membership> memberships(String userId) {
    List<Membership> out = new ArrayList<>();
    for (Organization org : organizations.values()) {
      org.memberships().stream().filter(m -> m.userId().equals(userId) && m.active()).forEach(out::add);
    }
    return out;
  }

  /** Every membership, whatever its status, in seed order: what the memberships API lists. */
  public synchronized List<Membership> allMemberships() {
    List<Membership> out = new ArrayList<>();
    organizations.values().forEach(org -> out.addAll(org.memberships()));
    return out;
  }

  public synchronized Optional<Membership> membership(String userId, String organizationId) {
    return memberships(userId).stream().filter(m -> m.organizationId().equals(organizationId)).findFirst();
  }

  /** The permissions the given roles grant, without duplicates, in role order. */
  public synchronized List<String> permissions(List<String> roleSlugs) {
    Set<String> out = new LinkedHashSet<>();
    for (String slug : roleSlugs) {
      Role role = roles.get(slug);
      if (role != null) {
        out.addAll(role.permissions());
      }
    }
    return List.copyOf(out);
  }
}
