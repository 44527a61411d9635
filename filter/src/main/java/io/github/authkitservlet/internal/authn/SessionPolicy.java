package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The timings and sizes a {@link SessionAuthenticator} works with.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param refreshBuffer refresh when the access token expires within this long
 * @param clockLeeway tolerated clock skew when deciding a token is still usable
 * @param refreshWaitLimit how long a request waits for a refresh another request started
 * @param cookieLifetime how long a session cookie can live in a browser: a session that WorkOS did
 *     not confirm as revoked is refused that long after sign-out
 * @param cacheEntries at most this many verified sessions are kept (0: no cache)
 */
public record SessionPolicy(Duration refreshBuffer, Duration clockLeeway, Duration refreshWaitLimit,
    Duration cookieLifetime, int cacheEntries) {

  public SessionPolicy {
    Objects.requireNonNull(refreshBuffer, "refreshBuffer");
    Objects.requireNonNull(clockLeeway, "clockLeeway");
    Objects.requireNonNull(refreshWaitLimit, "refreshWaitLimit");
    Objects.requireNonNull(cookieLifetime, "cookieLifetime");
    if (cacheEntries < 0) {
      throw new IllegalArgumentException("cacheEntries must be >= 0");
    }
  }

  /** The policy a configuration asks for. */
  public static SessionPolicy of(AuthKitConfig config) {
    Duration refreshWait = config.inFlightWaitLimit();
    return new SessionPolicy(config.refreshBuffer(), config.clockLeeway(), refreshWait,
        Duration.ofSeconds(config.cookieMaxAgeSeconds()), config.sessionCacheSize());
  }
}
