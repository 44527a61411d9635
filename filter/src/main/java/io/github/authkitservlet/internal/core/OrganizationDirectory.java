package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.cache.DigestCache;
import io.github.authkitservlet.internal.workos.Membership;
import io.github.authkitservlet.internal.workos.MembershipList;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The organizations each user belongs to, as WorkOS lists them, kept briefly: an organization
 * picker asks on every page it is shown on, and the list changes rarely.
 *
 * <p>An answer is kept {@link #TTL}, for at most {@link #MAX_USERS} users (a {@link DigestCache}):
 * a few hundred bytes each. Failures are not kept. A membership without a name gets it
 * from {@code GET /organizations/{id}} (WorkOS sends names; this covers a server that does not).
 * Thread-safe.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class OrganizationDirectory {

  static final Duration TTL = Duration.ofSeconds(60);
  static final int MAX_USERS = 10_000;

  private final WorkOsClient workos;
  private final Clock clock;
  private final DigestCache<MembershipList.Listed> entries;

  OrganizationDirectory(WorkOsClient workos, Clock clock) {
    this.workos = workos;
    this.clock = clock;
    this.entries = new DigestCache<>(clock, MAX_USERS);
  }

  /** The user's active memberships: kept ones while fresh, else WorkOS's answer. */
  public MembershipList organizationsOf(String userId) {
    Optional<MembershipList.Listed> kept = entries.find(userId);
    return kept.isPresent() ? kept.get() : fresh(userId);
  }

  /** WorkOS's answer now (kept for the next ones). */
  MembershipList fresh(String userId) {
    MembershipList answer = workos.activeMemberships(userId);
    if (!(answer instanceof MembershipList.Listed listed)) {
      return answer;
    }
    MembershipList.Listed named = named(listed);
    entries.remember(userId, named, clock.instant().plus(TTL));
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
