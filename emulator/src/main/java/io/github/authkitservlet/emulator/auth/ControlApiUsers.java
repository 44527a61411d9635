package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.ApiException;

/** How the control APIs that act for a seeded user find that user, and check an organization of theirs. */
final class ControlApiUsers {

  private ControlApiUsers() {}

  /**
   * The user with this {@code email} or {@code userId} (at least one is given; when both are, they
   * must name the same user).
   *
   * @throws ApiException 404 when there is no such user
   */
  static User user(Directory directory, String email, String userId) {
    return (email != null ? directory.userByEmail(email) : directory.user(userId))
        .filter(u -> email == null || userId == null || u.id().equals(userId))
        .orElseThrow(() -> ApiException.notFound("User not found."));
  }

  /** @throws ApiException 422 unless the user is an active member of the organization */
  static void requireActiveMember(Directory directory, String userId, String organizationId) {
    if (directory.membership(userId, organizationId).isEmpty()) {
      throw ApiException.api(422, "invalid_request_parameters",
          "The user is not an active member of organization " + SessionEndpoints.sanitize(organizationId) + ".");
    }
  }
}
