package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.ResolvedSession;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.workos.ValidatedApiKey;
import java.util.List;
import java.util.Objects;

/**
 * Who a request acts for, and with what it proved it: a session cookie, a WorkOS access token, or
 * a customer's WorkOS API key. What the application sees ({@code AuthKitPrincipal}) is built from
 * this; what the declaration's rules check is {@link #roles()} and {@link #permissions()}.
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface Caller {

  /** The caller's WorkOS roles (none for an API key). */
  List<String> roles();

  /** The caller's WorkOS permissions. */
  List<String> permissions();

  /** A signed-in user with a session cookie. */
  record Session(ResolvedSession session) implements Caller {
    public Session {
      Objects.requireNonNull(session, "session");
    }

    @Override
    public List<String> roles() {
      return session.claims().roles();
    }

    @Override
    public List<String> permissions() {
      return session.claims().permissions();
    }
  }

  /** A user's WorkOS access token presented as {@code Authorization: Bearer}. */
  record AccessToken(AccessTokenClaims claims, String token) implements Caller {
    public AccessToken {
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public List<String> roles() {
      return claims.roles();
    }

    @Override
    public List<String> permissions() {
      return claims.permissions();
    }

    /** Never shows the token: a caller may end up in a log line. */
    @Override
    public String toString() {
      return "AccessToken[user=" + claims.userId() + ", session=" + claims.sessionId() + "]";
    }
  }

  /** A customer's WorkOS API key presented as {@code Authorization: Bearer} (the value is not kept). */
  record ApiKey(ValidatedApiKey key) implements Caller {
    public ApiKey {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public List<String> roles() {
      return List.of();
    }

    @Override
    public List<String> permissions() {
      return key.permissions();
    }
  }
}
