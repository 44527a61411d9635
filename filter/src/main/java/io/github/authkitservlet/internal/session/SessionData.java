package io.github.authkitservlet.internal.session;

import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import java.util.Objects;

/**
 * What a session cookie holds: the tokens and what WorkOS said about the sign-in.
 *
 * <p>Internal API: public only because several packages of this library share it.
 *
 * @param accessToken the WorkOS access token (a JWT)
 * @param refreshToken the single-use refresh token
 * @param user the user, or null when the cookie carried none
 * @param organizationId the organization of the session, or null
 * @param authenticationMethod how the user signed in (e.g. {@code Password}), or null
 * @param impersonator the impersonating admin, or null
 */
public record SessionData(
    String accessToken,
    String refreshToken,
    SessionUser user,
    String organizationId,
    String authenticationMethod,
    Impersonator impersonator) {

  /** Requires both tokens. */
  public SessionData {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** Hides the tokens: a session may end up in a log line by accident. */
  @Override
  public String toString() {
    return "SessionData[user=" + (user == null ? null : user.id())
        + ", organizationId=" + organizationId
        + ", authenticationMethod=" + authenticationMethod
        + ", impersonated=" + (impersonator != null) + "]";
  }
}
