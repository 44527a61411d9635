package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.AuthSession;
import io.github.authkitservlet.emulator.data.Client;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Impersonator;
import io.github.authkitservlet.emulator.data.Sessions;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.tokens.RefreshTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /user_management/authenticate}: the {@code authorization_code} and
 * {@code refresh_token} grants, with WorkOS's success body and its OAuth-style errors.
 */
public final class AuthenticateEndpoint {

  /** The longest {@code ip_address} / {@code user_agent} kept on a session. */
  private static final int MAX_CLIENT_DETAIL = 512;

  private final Directory directory;
  private final Sessions sessions;
  private final AuthorizeEndpoint authorize;
  private final RefreshTokens refreshTokens;
  private final SessionTokens sessionTokens;
  private final Counters counters;
  private final Clock clock;

  public AuthenticateEndpoint(Directory directory, Sessions sessions, AuthorizeEndpoint authorize,
      RefreshTokens refreshTokens, SessionTokens sessionTokens, Counters counters, Clock clock) {
    this.directory = directory;
    this.sessions = sessions;
    this.authorize = authorize;
    this.refreshTokens = refreshTokens;
    this.sessionTokens = sessionTokens;
    this.counters = counters;
    this.clock = clock;
  }

  public Response authenticate(Request r) {
    String grantType = r.param("grant_type").orElse(null);
    List<String> missing = new ArrayList<>();
    if (grantType == null) {
      missing.add("grant_type");
    }
    if (r.param("client_id").isEmpty()) {
      missing.add("client_id");
    }
    if (!missing.isEmpty()) {
      throw ApiException.missingFields(missing);
    }
    return switch (grantType) {
      case "authorization_code" -> authorizationCode(r);
      case "refresh_token" -> refreshToken(r);
      default -> throw ApiException.oauth(400, "unsupported_grant_type",
          "The grant type is not supported by the WorkOS emulator (authorization_code, refresh_token).");
    };
  }

  private Response authorizationCode(Request r) {
    String code = r.param("code").orElseThrow(() -> ApiException.missingFields(List.of("code")));
    Client client = client(r);
    Optional<String> secret = r.param("client_secret");
    Optional<String> verifier = r.param("code_verifier");
    if (secret.isEmpty() && verifier.isEmpty()) {
      throw ApiException.oauth(400, "invalid_request",
          "Provide client_secret (an API key of the client) or code_verifier (PKCE).");
    }
    // Taking the code consumes it, even if a check below fails: a code is never usable twice.
    AuthorizationCode issued = authorize.redeem(code)
        .orElseThrow(() -> {
          counters.increment("grant.authorization_code.failed");
          return ApiException.oauth(400, "invalid_grant", "The code is invalid, already used or expired.");
        });
    if (!issued.clientId().equals(client.clientId())) {
      throw ApiException.oauth(400, "invalid_grant", "The code was not issued to this client.");
    }
    if (issued.codeChallenge() != null) {
      if (verifier.isEmpty() || !Pkce.verifies(verifier.get(), issued.codeChallenge())) {
        throw ApiException.oauth(400, "invalid_grant", "The code_verifier does not match the code_challenge.");
      }
    } else if (verifier.isPresent()) {
      throw ApiException.oauth(400, "invalid_grant", "The code was issued without a code_challenge.");
    }
    // A dashboard impersonation carries its impersonator; a seeded one applies to every sign-in.
    Impersonator impersonator = issued.impersonator() != null ? issued.impersonator()
        : directory.user(issued.userId()).map(User::impersonator).orElse(null);
    SessionTokens.Issued signedIn = sessionTokens.signIn(new Sessions.Start(issued.userId(), issued.organizationId(),
        client.clientId(), impersonator, clientDetail(r, "ip_address"), clientDetail(r, "user_agent")));
    counters.increment("grant.authorization_code");
    return Response.json(200, signedIn.body());
  }

  private Response refreshToken(Request r) {
    String token = r.param("refresh_token").orElseThrow(() -> ApiException.missingFields(List.of("refresh_token")));
    Client client = client(r);
    RefreshTokens.Grant grant = refreshTokens.find(token)
        .filter(g -> g.clientId().equals(client.clientId()))
        .orElseThrow(() -> refreshFailure("Invalid refresh token."));
    if (grant.used()) {
      throw refreshFailure("Refresh token already exchanged.");
    }
    AuthSession session = sessions.find(grant.sessionId())
        .filter(s -> !s.ended())
        .orElseThrow(() -> refreshFailure("Session has already ended."));
    if (!session.activeAt(clock.instant())) {
      throw refreshFailure("Session has expired.");
    }
    User user = directory.user(session.userId()).orElseThrow(() -> refreshFailure("User not found."));
    Optional<String> wantedOrg = r.param("organization_id");
    if (wantedOrg.isPresent() && !wantedOrg.get().equals(session.organizationId())) {
      if (directory.membership(user.id(), wantedOrg.get()).isEmpty()) {
        throw refreshFailure("The user is not a member of that organization.");
      }
      session = session.withOrganization(wantedOrg.get(), clock.instant());
    }
    if (!refreshTokens.consume(token)) {
      // Another request exchanged it between our checks.
      throw refreshFailure("Refresh token already exchanged.");
    }
    sessions.update(session);
    counters.increment("grant.refresh_token");
    return Response.json(200, sessionTokens.renew(user, session).body());
  }

  private ApiException refreshFailure(String description) {
    counters.increment("grant.refresh_token.failed");
    return ApiException.oauth(400, "invalid_grant", description);
  }

  /** The client by id; a client_secret, when sent, must be one of its API keys. */
  private Client client(Request r) {
    Client client = directory.client(r.param("client_id").orElse(null))
        .orElseThrow(() -> ApiException.oauth(401, "invalid_client", "Unknown client_id."));
    Optional<String> secret = r.param("client_secret");
    if (secret.isPresent() && !client.hasApiKey(secret.get())) {
      throw ApiException.oauth(401, "invalid_client", "The client_secret is not an API key of this client.");
    }
    return client;
  }

  /** The caller's {@code ip_address} / {@code user_agent}, which WorkOS records on the session; bounded. */
  private static String clientDetail(Request r, String name) {
    return r.param(name).map(v -> v.length() > MAX_CLIENT_DETAIL ? v.substring(0, MAX_CLIENT_DETAIL) : v)
        .orElse(null);
  }
}
