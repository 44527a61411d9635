package io.github.authkitservlet.emulator.data;

import java.time.Instant;

/**
 * A signed-in session ({@code sid} in access tokens), with what WorkOS's session object reports:
 * how it began ({@code authMethod}: {@code password} or {@code impersonation}), who impersonates
 * the user if anyone, and when it expires or ended. It ends on logout or revoke and never comes back.
 */
public record AuthSession(String id, String userId, String organizationId, String clientId, Impersonator impersonator,
    String authMethod, String ipAddress, String userAgent, Instant createdAt, Instant updatedAt, Instant expiresAt,
    Instant endedAt) {

  public AuthSession withOrganization(String orgId, Instant now) {
    return new AuthSession(id, userId, orgId, clientId, impersonator, authMethod, ipAddress, userAgent, createdAt, now,
        expiresAt, endedAt);
  }

  public AuthSession endedAt(Instant now) {
    return new AuthSession(id, userId, organizationId, clientId, impersonator, authMethod, ipAddress, userAgent,
        createdAt, now, expiresAt, now);
  }

  public boolean ended() {
    return endedAt != null;
  }

  /** Not ended and not past its expiry: its refresh tokens still work. */
  public boolean activeAt(Instant now) {
    return !ended() && now.isBefore(expiresAt);
  }

  /** WorkOS's {@code status}: {@code active}, {@code expired} or {@code revoked} (logout and revoke both revoke). */
  public String statusAt(Instant now) {
    if (ended()) {
      return "revoked";
    }
    return now.isBefore(expiresAt) ? "active" : "expired";
  }
}
