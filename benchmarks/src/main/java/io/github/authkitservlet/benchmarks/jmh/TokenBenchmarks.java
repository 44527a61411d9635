package io.github.authkitservlet.benchmarks.jmh;

import com.workos.session.AuthenticateSessionResult;
import com.workos.session.Session;
import com.workos.session.SessionKt;
import io.github.authkitservlet.internal.authn.AuthOutcome;
import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.token.IssuerCheck;
import io.github.authkitservlet.internal.token.TokenCheck;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verifying a session, both against an in-process emulator's JWKS (keys fetched once in setup,
 * then cached by each side): our {@link AccessTokenVerifier} (RS256 + claims), our whole
 * uncached {@link SessionAuthenticator#authenticate} (unseal + JSON + verify), the same with the
 * session cache on a repeated cookie, and the SDK's
 * {@code Session.authenticateWithSessionCookie} (unseal + Jackson + verify + claims), which is the
 * bar for our uncached path.
 */
@State(Scope.Benchmark)
public class TokenBenchmarks extends BenchmarkDefaults {

  private SignedInFixture fixture;
  private String accessToken;
  private String sdkCookie;
  private String ourCookie;
  private AccessTokenVerifier verifier;
  private SessionAuthenticator uncached;
  private SessionAuthenticator cached;
  private WorkOsClient workosClient;
  private Session sdkSession;

  @Setup
  public void setUp() {
    fixture = SignedInFixture.start();
    accessToken = fixture.accessToken();
    sdkCookie = fixture.sdkSealedCookie();
    Clock clock = Clock.systemUTC();
    SessionCookieCodec codec = new SessionCookieCodec(List.of(SignedInFixture.COOKIE_PASSWORD), clock);
    SessionData session = codec.unseal(sdkCookie).orElseThrow();
    ourCookie = codec.seal(session);

    URI base = URI.create(fixture.emulator().baseUrl());
    Duration connect = Duration.ofSeconds(3);
    Duration read = Duration.ofSeconds(10);
    String clientId = fixture.emulator().clientId();
    verifier = new AccessTokenVerifier(URI.create(base + "/sso/jwks/" + clientId), connect, read,
        new IssuerCheck(Set.of(base + "/user_management/" + clientId), clientId));
    workosClient = new WorkOsClient(fixture.emulator().apiKey(), fixture.emulator().clientId(), base, connect, read);
    uncached = Authenticators.uncached(codec, verifier, workosClient, clock);
    cached = Authenticators.cached(codec, verifier, workosClient, clock);
    sdkSession = SessionKt.getSession(fixture.workos());

    // Warm both key caches and check that each side accepts what it is given.
    if (!(verifier.verify(accessToken) instanceof TokenCheck.Verified)) {
      throw new IllegalStateException("our verifier rejects the emulator's token");
    }
    if (!(uncached.authenticate(ourCookie) instanceof AuthOutcome.Authenticated a) || a.newCookieValue().isPresent()) {
      throw new IllegalStateException("our authenticator does not accept the cookie without refreshing");
    }
    if (!(cached.authenticate(ourCookie) instanceof AuthOutcome.Authenticated)) {
      throw new IllegalStateException("the cached authenticator does not accept the cookie");
    }
    if (!(sdkSession.authenticateWithSessionCookie(sdkCookie, SignedInFixture.COOKIE_PASSWORD)
        instanceof AuthenticateSessionResult.Success)) {
      throw new IllegalStateException("the SDK does not accept its own cookie");
    }
  }

  @TearDown
  public void tearDown() {
    workosClient.close();
    fixture.close();
  }

  /** RS256 signature check and claims of the access token. */
  @Benchmark
  public TokenCheck ourVerify() {
    return verifier.verify(accessToken);
  }

  /** Our full uncached path: unseal + JSON + RS256 verify + claims (no cache in front). */
  @Benchmark
  public AuthOutcome ourAuthenticateUncached() {
    return uncached.authenticate(ourCookie);
  }

  /** The same cookie again, authenticator as the filter builds it: with the session cache, a digest + map lookup. */
  @Benchmark
  public AuthOutcome ourAuthenticateCached() {
    return cached.authenticate(ourCookie);
  }

  /** The SDK's own: {@code workos.session.authenticateWithSessionCookie(cookie, password)}. */
  @Benchmark
  public AuthenticateSessionResult sdkAuthenticateWithSessionCookie() {
    return sdkSession.authenticateWithSessionCookie(sdkCookie, SignedInFixture.COOKIE_PASSWORD);
  }
}
