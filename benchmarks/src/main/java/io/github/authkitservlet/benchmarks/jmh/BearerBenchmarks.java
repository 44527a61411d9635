package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.AuthKitFilter;
import io.github.authkitservlet.AuthKitPrincipal;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole filter path of an API call with {@code Authorization: Bearer} on {@code api-paths}: the
 * real {@link AuthKitFilter} (started through {@code init} against an in-process emulator) runs
 * {@code doFilter} on minimal in-memory request/response objects and hands the wrapped request to a
 * chain that reads the principal.
 *
 * <ul>
 *   <li>{@code repeatedAccessToken}: the same WorkOS access token every time (a client's steady
 *       state): a SHA-256 of the token and a map lookup, plus the check that its session was not
 *       signed out here;
 *   <li>{@code repeatedApiKey}: the same customer's API key every time (validated at WorkOS once;
 *       {@code workos.api-key-cache-ttl} is an hour here so that no revalidation falls in a run);
 *   <li>{@code uncachedAccessToken}: the same token with {@code workos.token-cache-size=0}, so every
 *       call verifies the RS256 signature and reads the claims: what the cache saves.
 * </ul>
 */
@State(Scope.Benchmark)
public class BearerBenchmarks extends BenchmarkDefaults {

  private static final String API = "/api/reports";
  private static final String DEMO_API_KEY = "sk_demo_reports_0123456789abcdef";
  private static final Cookie[] NO_COOKIES = new Cookie[0];

  private SignedInFixture fixture;
  private AuthKitFilter cached;
  private AuthKitFilter uncached;
  private String tokenHeader;
  private String apiKeyHeader;
  private Blackhole blackhole;

  /** What the application behind the filter does: look at who called. */
  private final FilterChain application = (req, res) -> {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!(request.getUserPrincipal() instanceof AuthKitPrincipal principal)) {
      throw new IllegalStateException("the request reached the application without a caller");
    }
    blackhole.consume(principal.getName());
  };

  @Setup
  public void setUp(Blackhole blackhole) throws ServletException, IOException {
    this.blackhole = blackhole;
    fixture = SignedInFixture.start();
    tokenHeader = "Bearer " + fixture.accessToken();
    apiKeyHeader = "Bearer " + DEMO_API_KEY;
    cached = filter(Map.of("workos.api-key-cache-ttl", "3600"));
    uncached = filter(Map.of("workos.token-cache-size", "0"));
    // The first calls fetch the signing keys and validate the API key at WorkOS.
    for (AuthKitFilter filter : new AuthKitFilter[] {cached, uncached}) {
      for (String header : new String[] {tokenHeader, apiKeyHeader}) {
        InMemoryServlet.Response response = new InMemoryServlet.Response();
        filter.doFilter(new InMemoryServlet.Request(API, NO_COOKIES, header), response, application);
        if (response.getStatus() != 200 || response.getHeader("Set-Cookie") != null) {
          throw new IllegalStateException("the filter did not let the bearer call through untouched: "
              + response.getStatus());
        }
      }
    }
  }

  private AuthKitFilter filter(Map<String, String> settings) throws ServletException {
    Map<String, String> contextParams = new HashMap<>(fixture.filterSettings("/callback"));
    contextParams.putAll(settings);
    AuthKitFilter filter = new AuthKitFilter();
    filter.init(InMemoryServlet.filterConfig(InMemoryServlet.context(contextParams),
        Map.of("api-paths", "/api/*", "bearer", "access-token api-key")));
    return filter;
  }

  @TearDown
  public void tearDown() {
    cached.destroy();
    uncached.destroy();
    fixture.close();
  }

  @Benchmark
  public void repeatedAccessToken() throws IOException, ServletException {
    cached.doFilter(new InMemoryServlet.Request(API, NO_COOKIES, tokenHeader), new InMemoryServlet.Response(), application);
  }

  @Benchmark
  public void repeatedApiKey() throws IOException, ServletException {
    cached.doFilter(new InMemoryServlet.Request(API, NO_COOKIES, apiKeyHeader), new InMemoryServlet.Response(), application);
  }

  @Benchmark
  public void uncachedAccessToken() throws IOException, ServletException {
    uncached.doFilter(new InMemoryServlet.Request(API, NO_COOKIES, tokenHeader), new InMemoryServlet.Response(),
        application);
  }
}
