package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.workos.Membership;
import io.github.authkitservlet.internal.workos.MembershipList;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organizations each user belongs to, as WorkOS lists them, kept briefly: an organization
 * picker asks on every page it is shown on, and the list changes rarely.
 *
 * <p>An answer is kept {@link #TTL}, for at most {@link #MAX_USERS} users (the least recently asked
 * go first): a few hundred bytes each. Failures are not kept. A membership without a name gets it
 * from {@code GET /organizations/{id}} (WorkOS sends names; this covers a server that does not).
 * Thread-safe.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class OrganizationDirectory {

  static final Duration TTL = Duration.ofSeconds(60);
  static final int MAX_USERS = 10_000;

  private record Entry(MembershipList.Listed list, Instant fetchedAt) {}

  private final WorkOsClient workos;
  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_USERS;
    }
  };

  OrganizationDirectory(WorkOsClient workos, Clock clock) {
    this.workos = workos;
    this.clock = clock;
  }

  /** The user's active memberships: kept ones while fresh, else WorkOS's answer. */
  public MembershipList organizationsOf(String userId) {
    synchronized (entries) {
      Entry entry = entries.get(userId);
      if (entry != null && clock.instant().isBefore(entry.fetchedAt().plus(TTL))) {
        return entry.list();
      }
    }
    return fresh(userId);
  }

  /** WorkOS's answer now (kept for the next ones). */
  MembershipList fresh(String userId) {
    MembershipList answer = workos.activeMemberships(userId);
    if (!(answer instanceof MembershipList.Listed listed)) {
      return answer;
    }
    MembershipList.Listed named = named(listed);
    synchronized (entries) {
      entries.put(userId, new Entry(named, clock.instant()));
    }
    return named;
  }

  private MembershipList.Listed named(MembershipList.Listed listed) {
    List<Membership> named = new ArrayList<>();
    for (Membership membership : listed.memberships()) {
      named.add(membership.organizationName() != null ? membership : new Membership(membership.organizationId(),
          workos.organizationName(membership.organizationId()).orElse(null), membership.role()));
    }
    return new MembershipList.Listed(named);
  }
}
