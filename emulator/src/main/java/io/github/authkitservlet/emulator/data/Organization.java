package io.github.authkitservlet.emulator.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An organization with the entitlements and feature flags its access tokens carry. */
public record Organization(String id, String name, String externalId, Map<String, String> metadata,
    List<String> entitlements, List<String> featureFlags, List<Membership> memberships, Instant createdAt,
    Instant updatedAt) {

  public Organization {
    metadata = Map.copyOf(metadata);
    entitlements = List.copyOf(entitlements);
    featureFlags = List.copyOf(featureFlags);
    memberships = List.copyOf(memberships);
  }
}
