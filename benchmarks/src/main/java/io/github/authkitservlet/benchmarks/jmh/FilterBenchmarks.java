package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.AuthKitFilter;
import io.github.authkitservlet.AuthKitPrincipal;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole filter path of an authenticated page request: the real {@link AuthKitFilter} (started
 * through {@code init} against an in-process emulator, as a container would) runs {@code doFilter}
 * on minimal in-memory request/response objects and hands the wrapped request to a chain that
 * reads the principal.
 *
 * <ul>
 *   <li>{@code noFilter}: the same request/response objects and chain without the filter: the
 *       baseline to subtract;
 *   <li>{@code repeatedCookie}: the same cookie every time (a browser's steady state);
 *   <li>{@code freshCookie}: a different cookie every time, from a pool much larger than the
 *       session cache, so (nearly) every request unseals, verifies and inserts into the cache.
 * </ul>
 */
@State(Scope.Benchmark)
public class FilterBenchmarks extends BenchmarkDefaults {

  /**
   * Distinct cookies for the fresh-cookie case: five times the filter's session cache (10 000
   * entries), so a cookie has almost always been evicted before it comes round again (the cache
   * drops a random eighth when full: (7/8)^40, under 1 % of requests, can still hit).
   */
  static final int FRESH_POOL = 50_000;
  private static final String PAGE = "/app/page";

  private SignedInFixture fixture;
  private AuthKitFilter filter;
  private Cookie[] repeated;
  private Cookie[][] fresh;
  private int next;
  private Blackhole blackhole;

  /** What the application behind the filter does: look at who is signed in. */
  private final FilterChain application = (req, res) -> {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!(request.getUserPrincipal() instanceof AuthKitPrincipal principal)) {
      throw new IllegalStateException("the request reached the application without a user");
    }
    blackhole.consume(principal.getName());
  };

  private final FilterChain anonymousApplication = (req, res) -> blackhole.consume(req.getAttribute("x"));

  @Setup
  public void setUp(Blackhole blackhole) throws ServletException {
    this.blackhole = blackhole;
    fixture = SignedInFixture.start();
    filter = new AuthKitFilter();
    filter.init(InMemoryServlet.filterConfig(InMemoryServlet.context(fixture.filterSettings("/callback"))));

    SessionCookieCodec codec = new SessionCookieCodec(List.of(SignedInFixture.COOKIE_PASSWORD), Clock.systemUTC());
    SessionData session = codec.unseal(fixture.sdkSealedCookie()).orElseThrow();
    repeated = cookies(codec.seal(session));
    fresh = new Cookie[FRESH_POOL][];
    for (int i = 0; i < FRESH_POOL; i++) {
      // Every seal has fresh salts and IV: same session, different cookie value.
      fresh[i] = cookies(codec.seal(session));
    }
    // The first request also looks up the servlet registrations and fetches the signing keys.
    InMemoryServlet.Response response = new InMemoryServlet.Response();
    try {
      filter.doFilter(new InMemoryServlet.Request(PAGE, repeated), response, application);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (response.getStatus() != 200 || response.getHeader("Set-Cookie") != null) {
      throw new IllegalStateException("the filter did not let the signed-in request through untouched: "
          + response.getStatus());
    }
  }

  @TearDown
  public void tearDown() {
    filter.destroy();
    fixture.close();
  }

  @Benchmark
  public void noFilter() throws IOException, ServletException {
    anonymousApplication.doFilter(new InMemoryServlet.Request(PAGE, repeated), new InMemoryServlet.Response());
  }

  @Benchmark
  public void repeatedCookie() throws IOException, ServletException {
    filter.doFilter(new InMemoryServlet.Request(PAGE, repeated), new InMemoryServlet.Response(), application);
  }

  @Benchmark
  public void freshCookie() throws IOException, ServletException {
    Cookie[] cookies = fresh[next];
    next = next + 1 == FRESH_POOL ? 0 : next + 1;
    filter.doFilter(new InMemoryServlet.Request(PAGE, cookies), new InMemoryServlet.Response(), application);
  }

  private static Cookie[] cookies(String sessionValue) {
    return new Cookie[] {new Cookie("theme", "dark"), new Cookie("wos-session", sessionValue)};
  }
}
