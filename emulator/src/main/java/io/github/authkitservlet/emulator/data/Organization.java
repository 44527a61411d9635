package io.github.authkitservlet.emulator.data;

import java.util.List;

/** An organization with the entitlements and feature flags its access tokens carry. */
public record Organization(String id, String name, List<String> entitlements, List<String> featureFlags,
    List<Membership> memberships) {

  public Organization {
    entitlements = List.copyOf(entitlements);
    featureFlags = List.copyOf(featureFlags);
    memberships = List.copyOf(memberships);
  }
}
