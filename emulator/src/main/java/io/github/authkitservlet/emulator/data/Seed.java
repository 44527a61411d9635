package io.github.authkitservlet.emulator.data;

import java.util.List;

/**
 * The starting data of an emulator: what {@code reset} goes back to. Read with {@link SeedReader}
 * from JSON in the official WorkOS emulator's schema plus {@code clients}.
 */
public record Seed(List<User> users, List<Organization> organizations, List<Role> roles, List<Client> clients,
    List<WebhookEndpoint> webhookEndpoints, List<ApiKey> apiKeys) {

  public Seed {
    users = List.copyOf(users);
    organizations = List.copyOf(organizations);
    roles = List.copyOf(roles);
    clients = List.copyOf(clients);
    webhookEndpoints = List.copyOf(webhookEndpoints);
    apiKeys = List.copyOf(apiKeys);
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("a seed needs at least one client");
    }
  }

  /** The client the Java API reports ({@code clientId()}, {@code apiKey()}): the first one. */
  public Client defaultClient() {
    return clients.get(0);
  }
}
