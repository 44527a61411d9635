package io.github.authkitservlet.emulator.data;

import java.time.Instant;

/** A signed-in session ({@code sid} in access tokens). It ends on logout or revoke. */
public record AuthSession(String id, String userId, String organizationId, String clientId, Instant createdAt,
    boolean ended) {

  public AuthSession withOrganization(String orgId) {
    return new AuthSession(id, userId, orgId, clientId, createdAt, ended);
  }

  public AuthSession asEnded() {
    return new AuthSession(id, userId, organizationId, clientId, createdAt, true);
  }
}
