package io.github.authkitservlet.internal.workos;

import java.util.List;
import java.util.Objects;

/**
 * What came of asking WorkOS for a user's organization memberships.
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface MembershipList {

  /** The active memberships, in WorkOS's order. */
  record Listed(List<Membership> memberships) implements MembershipList {
    public Listed {
      memberships = List.copyOf(memberships);
    }
  }

  /** WorkOS could not be asked, or would not answer. */
  record Failed(Failure failure) implements MembershipList {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
