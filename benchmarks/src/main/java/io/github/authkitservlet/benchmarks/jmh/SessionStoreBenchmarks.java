package io.github.authkitservlet.benchmarks.jmh;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.authkitservlet.AuthKitFilter;
import io.github.authkitservlet.AuthKitPrincipal;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.IssuedSession;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole filter with each session store ({@code workos.session-store}): {@code memory} (one
 * server) and {@code jcache} on Hazelcast, with a second member in this JVM so about half of the
 * grid's partitions sit across a loopback TCP connection, as with two servers.
 *
 * <ul>
 *   <li>{@code repeatedCookie}: a browser's steady state; the store must not add a network call
 *       to it;
 *   <li>{@code refresh}: a session whose access token is due, different every time, refreshed at
 *       the emulator through the filter: with {@code jcache}, the claim in the grid, the grant and
 *       the published result (the coordinated refresh), against the memory store's uncoordinated one.
 * </ul>
 */
@State(Scope.Benchmark)
public class SessionStoreBenchmarks extends BenchmarkDefaults {

  /** Sessions issued per measured iteration for {@code refresh}: more than one iteration spends. */
  static final int REFRESH_POOL = 3_000;
  private static final String PAGE = "/app/page";
  private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

  @Param({"memory", "jcache"})
  public String sessionStore;

  private SignedInFixture fixture;
  private AuthKitEmulator refreshingWorkos;
  private HazelcastInstance otherServersMember;
  private AuthKitFilter filter;
  private AuthKitFilter refreshingFilter;
  private SessionCookieCodec codec;
  private Cookie[] repeated;
  private Cookie[][] due;
  private int nextDue;
  private Blackhole blackhole;

  private final FilterChain application = (req, res) -> {
    if (!(((HttpServletRequest) req).getUserPrincipal() instanceof AuthKitPrincipal principal)) {
      throw new IllegalStateException("the request reached the application without a user");
    }
    blackhole.consume(principal.getName());
  };

  @Setup
  public void setUp(Blackhole blackhole) throws Exception {
    this.blackhole = blackhole;
    codec = new SessionCookieCodec(List.of(SignedInFixture.COOKIE_PASSWORD), Clock.systemUTC());
    if (sessionStore.equals("jcache")) {
      otherServersMember = Hazelcast.newHazelcastInstance(new ClasspathXmlConfig("hazelcast-benchmarks.xml"));
    }
    fixture = SignedInFixture.start();
    filter = filter(fixture.emulator());
    // Access tokens shorter than the 60 s refresh buffer: every session this emulator issues is due.
    refreshingWorkos = AuthKitEmulator.builder().port(0).accessTokenLifetime(Duration.ofSeconds(45)).start();
    refreshingFilter = filter(refreshingWorkos);
    if (otherServersMember != null) {
      awaitSharedCaches();
    }
    repeated = cookies(codec.seal(codec.unseal(fixture.sdkSealedCookie()).orElseThrow()));
    InMemoryServlet.Response first = new InMemoryServlet.Response();
    filter.doFilter(new InMemoryServlet.Request(PAGE, repeated), first, application);
    if (first.getStatus() != 200 || first.getHeader("Set-Cookie") != null) {
      throw new IllegalStateException("the signed-in request was not let through untouched: " + first.getStatus());
    }
  }

  /** A fresh pool of due sessions before each iteration (issuing them is not measured). */
  @Setup(Level.Iteration)
  public void issueDueSessions() {
    due = new Cookie[REFRESH_POOL][];
    for (int i = 0; i < REFRESH_POOL; i++) {
      IssuedSession session = refreshingWorkos.issueSession("grace@example.com");
      due[i] = cookies(codec.seal(new SessionData(session.accessToken(), session.refreshToken(), null,
          session.organizationId(), "Password", null)));
    }
    nextDue = 0;
  }

  @TearDown
  public void tearDown() {
    filter.destroy();
    refreshingFilter.destroy();
    fixture.close();
    refreshingWorkos.close();
    if (otherServersMember != null) {
      otherServersMember.shutdown();
    }
  }

  @Benchmark
  public void repeatedCookie() throws IOException, ServletException {
    filter.doFilter(new InMemoryServlet.Request(PAGE, repeated), new InMemoryServlet.Response(), application);
  }

  @Benchmark
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public void refresh() throws IOException, ServletException {
    if (nextDue == REFRESH_POOL) {
      throw new IllegalStateException("the iteration spent all " + REFRESH_POOL + " due sessions: raise REFRESH_POOL");
    }
    InMemoryServlet.Response response = new InMemoryServlet.Response();
    refreshingFilter.doFilter(new InMemoryServlet.Request(PAGE, due[nextDue++]), response, application);
    if (response.getHeader("Set-Cookie") == null) {
      throw new IllegalStateException("a due session was not refreshed: " + response.getStatus());
    }
  }

  private AuthKitFilter filter(AuthKitEmulator workos) throws ServletException {
    Map<String, String> settings = SignedInFixture.filterSettings(workos, "/callback");
    if (sessionStore.equals("jcache")) {
      settings.put("workos.session-store", "jcache");
      settings.put("workos.jcache-provider", MEMBER_PROVIDER);
      settings.put("workos.jcache-config", "classpath:hazelcast-benchmarks.xml");
    }
    AuthKitFilter created = new AuthKitFilter();
    created.init(InMemoryServlet.filterConfig(InMemoryServlet.context(settings)));
    return created;
  }

  /** Waits until the filters' store made its caches (it connects in the background). */
  private void awaitSharedCaches() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (otherServersMember.getCluster().getMembers().size() >= 2
          && otherServersMember.getDistributedObjects().stream().map(DistributedObject::getName)
              .anyMatch(name -> name.endsWith("revocation-feed"))) {
        Thread.sleep(500);
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the session store did not join the second Hazelcast member within 60 s");
  }

  private static Cookie[] cookies(String sessionValue) {
    return new Cookie[] {new Cookie("theme", "dark"), new Cookie("wos-session", sessionValue)};
  }
}
