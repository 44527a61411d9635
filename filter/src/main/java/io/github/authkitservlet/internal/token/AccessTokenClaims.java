package io.github.authkitservlet.internal.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The claims of a verified WorkOS access token that the application gets to see.
 *
 * <p>Internal API of authkit-servlet. Lists are never null (empty when the claim is absent).
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid}
 * @param organizationId {@code org_id}, null outside an organization
 * @param role {@code role}, null when absent
 * @param roles {@code roles}, or just {@code role} when the token has no list
 * @param permissions {@code permissions}
 * @param entitlements {@code entitlements}
 * @param featureFlags {@code feature_flags}
 * @param actorEmail {@code act.sub}: who is impersonating the user, null when nobody is
 * @param expiresAt {@code exp}
 */
public record AccessTokenClaims(
    String userId,
    String sessionId,
    String organizationId,
    String role,
    List<String> roles,
    List<String> permissions,
    List<String> entitlements,
    List<String> featureFlags,
    String actorEmail,
    Instant expiresAt) {

  public AccessTokenClaims {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    roles = List.copyOf(roles);
    permissions = List.copyOf(permissions);
    entitlements = List.copyOf(entitlements);
    featureFlags = List.copyOf(featureFlags);
  }

  /** True when the token is past its expiry, allowing {@code leeway} for clock skew. */
  public boolean isExpiredAt(Instant now, java.time.Duration leeway) {
    return !now.isBefore(expiresAt.plus(leeway));
  }
}
