package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.Organization;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.tokens.AccessTokens;
import io.github.authkitservlet.emulator.tokens.RefreshTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a successful authentication answers: the session's access and refresh tokens in WorkOS's
 * authenticate body. The hosted sign-in, the refresh grant and the control API's password-less
 * sessions all come through here, so a token minted for a test is exactly what sign-in mints.
 */
public final class SessionTokens {

  /** One authentication's outcome: the session, the user, the two tokens and the response body. */
  public record Issued(AuthSession session, User user, String accessToken, String refreshToken, JsonObject body) { }

  private final Directory directory;
  private final Sessions sessions;
  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;
  private final Supplier<String> baseUrl;

  public SessionTokens(Directory directory, Sessions sessions, RefreshTokens refreshTokens, AccessTokens accessTokens,
      Supplier<String> baseUrl) {
    this.directory = directory;
    this.sessions = sessions;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.baseUrl = baseUrl;
  }

  /** A sign-in: records {@code last_sign_in_at}, starts a session and issues its first tokens. */
  public Issued signIn(Sessions.Start start) {
    User user = directory.recordSignIn(start.userId());
    return issue(user, sessions.start(start));
  }

  /** A refresh: new tokens for a session that goes on. */
  Issued renew(User user, AuthSession session) {
    return issue(user, session);
  }

  private Issued issue(User user, AuthSession session) {
    String orgId = session.organizationId();
    List<String> roles = List.of();
    List<String> entitlements = List.of();
    List<String> flags = List.of();
    if (orgId != null) {
      roles = directory.membership(user.id(), orgId).map(Membership::roles).orElse(List.of());
      Organization org = directory.organization(orgId).orElseThrow();
      entitlements = org.entitlements();
      flags = org.featureFlags();
    }
    String accessToken = accessTokens.mint(new AccessTokens.Subject(
        baseUrl.get() + "/user_management/" + session.clientId(), user.id(), session.id(), orgId, roles,
        directory.permissions(roles), entitlements, flags, session.impersonator()));
    String refreshToken = refreshTokens.issue(session.id(), session.clientId());
    JsonObjectBuilder body = Json.createObjectBuilder()
        .add("user", WorkOSJson.user(user));
    if (orgId != null) {
      body.add("organization_id", orgId);
    }
    body.add("access_token", accessToken)
        .add("refresh_token", refreshToken)
        // A refresh reports how the session began, as WorkOS does.
        .add("authentication_method", session.impersonator() == null ? "Password" : "Impersonation");
    if (session.impersonator() != null) {
      body.add("impersonator", WorkOSJson.impersonator(session.impersonator()));
    }
    return new Issued(session, user, accessToken, refreshToken, body.build());
  }
}
