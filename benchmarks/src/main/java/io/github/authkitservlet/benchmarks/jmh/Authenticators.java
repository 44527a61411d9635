package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.authn.SessionAuthenticator;
import io.github.authkitservlet.session.SessionCookieCodec;
import io.github.authkitservlet.token.AccessTokenVerifier;
import io.github.authkitservlet.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;

/** Builds authenticators with the filter's default timings. */
final class Authenticators {

  static final Duration REFRESH_BUFFER = Duration.ofSeconds(60);
  static final Duration CLOCK_LEEWAY = Duration.ofSeconds(30);
  static final Duration REFRESH_WAIT = Duration.ofSeconds(14);

  private Authenticators() {}

  /**
   * An authenticator that unseals and verifies on every call: the session cache is off (size 0,
   * what {@code workos.session-cache-size=0} configures).
   */
  static SessionAuthenticator uncached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    return new SessionAuthenticator(codec, verifier, workos, clock, REFRESH_BUFFER, CLOCK_LEEWAY, REFRESH_WAIT, 0);
  }

  /** An authenticator as the filter builds it by default (session cache of 10 000 entries). */
  static SessionAuthenticator cached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    return new SessionAuthenticator(codec, verifier, workos, clock, REFRESH_BUFFER, CLOCK_LEEWAY, REFRESH_WAIT,
        10_000);
  }
}
