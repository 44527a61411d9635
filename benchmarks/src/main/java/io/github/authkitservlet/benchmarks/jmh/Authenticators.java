package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.authn.SessionPolicy;
import io.github.authkitservlet.internal.authn.SessionStores;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;

/** Builds authenticators with the filter's default timings. */
final class Authenticators {

  static final Duration REFRESH_BUFFER = Duration.ofSeconds(60);
  static final Duration CLOCK_LEEWAY = Duration.ofSeconds(30);
  static final Duration REFRESH_WAIT = Duration.ofSeconds(14);
  static final Duration COOKIE_LIFETIME = Duration.ofDays(400);

  private Authenticators() {}

  /**
   * An authenticator that unseals and verifies on every call: the session cache is off (size 0,
   * what {@code workos.session-cache-size=0} configures).
   */
  static SessionAuthenticator uncached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    return new SessionAuthenticator(codec, verifier, workos, clock, policy(0), SessionStores.memory(clock, policy(0)));
  }

  /** An authenticator as the filter builds it by default (session cache of 10 000 entries). */
  static SessionAuthenticator cached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    return new SessionAuthenticator(codec, verifier, workos, clock, policy(10_000),
        SessionStores.memory(clock, policy(10_000)));
  }

  private static SessionPolicy policy(int cacheEntries) {
    return new SessionPolicy(REFRESH_BUFFER, CLOCK_LEEWAY, REFRESH_WAIT, COOKIE_LIFETIME, cacheEntries);
  }
}
