package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.authn.SessionAuthenticator;
import io.github.authkitservlet.session.SessionCookieCodec;
import io.github.authkitservlet.token.AccessTokenVerifier;
import io.github.authkitservlet.workos.WorkOsClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;

/** Builds authenticators with the filter's default timings. */
final class Authenticators {

  static final Duration REFRESH_BUFFER = Duration.ofSeconds(60);
  static final Duration CLOCK_LEEWAY = Duration.ofSeconds(30);
  static final Duration REFRESH_WAIT = Duration.ofSeconds(14);

  private Authenticators() {}

  /**
   * An authenticator that unseals and verifies on every call. With the session cache (the
   * constructor taking a cache size) it is built with size 0; a filter without the cache has only
   * the other constructor, which is then uncached anyway. Looked up reflectively so the same
   * benchmarks measure the filter before and after the cache (benchmarks/session-cache/).
   */
  static SessionAuthenticator uncached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    try {
      Constructor<SessionAuthenticator> withCacheSize = SessionAuthenticator.class.getConstructor(
          SessionCookieCodec.class, AccessTokenVerifier.class, WorkOsClient.class, Clock.class, Duration.class,
          Duration.class, Duration.class, int.class);
      return withCacheSize.newInstance(codec, verifier, workos, clock, REFRESH_BUFFER, CLOCK_LEEWAY, REFRESH_WAIT, 0);
    } catch (NoSuchMethodException e) {
      return cached(codec, verifier, workos, clock);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot build an uncached SessionAuthenticator", e);
    }
  }

  /** An authenticator as the filter builds it (with the session cache, when the filter has one). */
  static SessionAuthenticator cached(SessionCookieCodec codec, AccessTokenVerifier verifier, WorkOsClient workos,
      Clock clock) {
    return new SessionAuthenticator(codec, verifier, workos, clock, REFRESH_BUFFER, CLOCK_LEEWAY, REFRESH_WAIT);
  }
}
