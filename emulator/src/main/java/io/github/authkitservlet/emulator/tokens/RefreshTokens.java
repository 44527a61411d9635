package io.github.authkitservlet.emulator.tokens;

import io.github.authkitservlet.emulator.data.Ids;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use, rotating refresh tokens. Exchanging one marks it used; a second exchange of the
 * same token is told apart from an unknown token so the error says "already exchanged".
 */
public final class RefreshTokens {

  /** What a refresh token stands for. */
  public record Grant(String sessionId, String clientId, boolean used) { }

  private final Map<String, Grant> grants = new HashMap<>();

  public synchronized String issue(String sessionId, String clientId) {
    String token = Ids.secret();
    grants.put(token, new Grant(sessionId, clientId, false));
    return token;
  }

  public synchronized Optional<Grant> find(String token) {
    return Optional.ofNullable(token == null ? null : grants.get(token));
  }

  /** Marks the token used; false when it was already used (or is unknown). */
  public synchronized boolean consume(String token) {
    Grant grant = grants.get(token);
    if (grant == null || grant.used()) {
      return false;
    }
    grants.put(token, new Grant(grant.sessionId(), grant.clientId(), true));
    return true;
  }

  public synchronized void reset() {
    grants.clear();
  }
}
