package io.github.authkitservlet.benchmarks.load;

import io.github.authkitservlet.benchmarks.fixture.ScriptedBrowser;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The load run: one embedded Tomcat serving the same small page (a) unprotected, (b) behind
 * AuthKitFilter, (c) behind Tomcat's FORM authentication; each signed in once over real HTTP (b
 * against an in-process emulator, c through {@code j_security_check}); then a load generator loads
 * a, b and c in turn for several rounds, and the medians and ratios are printed. A fourth,
 * diagnostic row (a2) requests the unprotected page with b's session cookie, to separate the cost
 * of carrying a 2 KB cookie from the cost of the filter.
 *
 * <p>The protocol is HTTP/1.1 with keep-alive ({@code wrk}) or, with {@code --protocol h2c}, HTTP/2
 * without TLS ({@code h2load}), where HPACK sends the repeated cookie as an index into its table.
 *
 * <p>Options: {@code --protocol http1.1|h2c} (http1.1), {@code --rounds N} (3), {@code --duration S}
 * seconds per run (10), {@code --warmup S} seconds per context before the rounds (5), {@code
 * --connections N} (8), {@code --threads N} (1), and for h2c {@code --streams N} concurrent
 * requests per connection (1).
 */
public final class LoadRun {

  /**
   * Held strongly so the setting sticks: on shutdown Tomcat warns at length about the OkHttp and
   * JWKS threads of the AuthKit context, which is expected for an embedded run and only noise here.
   */
  private static final java.util.logging.Logger CLASSLOADER_LOG =
      java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  private LoadRun() {}

  private record Target(String name, String label, String url, List<String> headers) {}

  public static void main(String[] args) throws Exception {
    CLASSLOADER_LOG.setLevel(java.util.logging.Level.SEVERE);
    Map<String, String> options = options(args);
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
    boolean h2c = switch (options.getOrDefault("protocol", "http1.1")) {
      case "http1.1" -> false;
      case "h2c" -> true;
      default -> throw new IllegalArgumentException("--protocol is http1.1 or h2c, not " + options.get("protocol"));
    };
    if (!h2c && options.containsKey("streams")) {
      throw new IllegalArgumentException("--streams goes with --protocol h2c");
    }
    int streams = Integer.parseInt(options.getOrDefault("streams", "1"));
    Function<Duration, LoadTool> tool = length -> h2c
        ? new H2Load(threads, connections, streams, length)
        : new Wrk(threads, connections, length);

    try (AuthKitEmulator emulator = SignedInFixture.startEmulator();
        ThreeContexts server = ThreeContexts.start(SignedInFixture.filterSettings(emulator, "/b/callback"), h2c)) {
      String origin = server.origin();
      String accept = "Accept: text/html,application/xhtml+xml";
      String sessionCookie = signInThroughAuthKit(origin);
      String jsessionId = signInThroughForm(origin);
      List<Target> targets = List.of(
          new Target("a", "unprotected", origin + "/a" + ThreeContexts.PAGE, List.of(accept)),
          new Target("b", "AuthKitFilter", origin + "/b" + ThreeContexts.PAGE,
              List.of(accept, "Cookie: wos-session=" + sessionCookie)),
          new Target("c", "Tomcat FORM + HttpSession", origin + "/c" + ThreeContexts.PAGE,
              List.of(accept, "Cookie: JSESSIONID=" + jsessionId)),
          // Diagnostic, not a target: what carrying a 2 KB cookie costs when nobody reads it.
          new Target("a2", "unprotected + same cookie", origin + "/a" + ThreeContexts.PAGE,
              List.of(accept, "Cookie: wos-session=" + sessionCookie)));
      LoadTool load = tool.apply(duration);
      System.out.printf("%nServer %s (%s); AuthKit session cookie %d chars; %s, %d round(s) of %ds per context%n",
          origin, h2c ? "h2c" : "HTTP/1.1", sessionCookie.length(), load.describe(), rounds, duration.toSeconds());

      if (!warmup.isZero()) {
        LoadTool warm = tool.apply(warmup);
        for (Target target : targets) {
          warm.run(target.url(), target.headers());
        }
      }
      Map<String, List<LoadTool.Result>> results = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < targets.size(); i++) {
          // Rotate the order each round so no context always runs first (or right after GC-heavy b).
          Target target = targets.get((i + round) % targets.size());
          LoadTool.Result result = load.run(target.url(), target.headers());
          results.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(result);
          System.out.printf("round %d  %-3s  %10.0f req/s  p50 %8.0f us  p99 %8.0f us  (%d requests, %d non-2xx, %d errors)%n",
              round + 1, target.name(), result.requestsPerSecond(), result.p50Micros(), result.p99Micros(),
              result.requests(), result.non2xx(), result.errors());
        }
      }
      long refreshes = emulator.counter("grant.refresh_token");

      System.out.println();
      System.out.println("Medians over the rounds:");
      System.out.printf("%-4s %-28s %12s %10s %10s %8s%n", "", "context", "req/s", "p50 us", "p99 us", "non-2xx");
      Map<String, Double> rps = new LinkedHashMap<>();
      for (Target target : targets) {
        List<LoadTool.Result> runs = results.get(target.name());
        double median = median(runs, LoadTool.Result::requestsPerSecond);
        rps.put(target.name(), median);
        long bad = runs.stream().mapToLong(r -> r.non2xx() + r.errors()).sum();
        System.out.printf("%-4s %-28s %12.0f %10.0f %10.0f %8d%n", target.name(), target.label(), median,
            median(runs, LoadTool.Result::p50Micros), median(runs, LoadTool.Result::p99Micros), bad);
      }
      System.out.printf("%nb/a = %.3f   (target >= 0.9)%nb/c = %.3f   (target >= 1.0)%nb/a2 = %.3f  (diagnostic)%n",
          rps.get("b") / rps.get("a"), rps.get("b") / rps.get("c"), rps.get("b") / rps.get("a2"));
      System.out.printf("refresh grants during the run: %d (expected 0)%n", refreshes);
    }
  }

  /** Walks the real sign-in: /b/page → login → emulator's hosted page → callback; returns wos-session. */
  static String signInThroughAuthKit(String origin) {
    ScriptedBrowser browser = new ScriptedBrowser();
    URI page = URI.create(origin + "/b" + ThreeContexts.PAGE);
    HttpResponse<String> signInPage = browser.followUntil(browser.get(page), next -> false);
    HttpResponse<String> back = browser.signIn(signInPage, SignedInFixture.EMAIL, SignedInFixture.PASSWORD);
    HttpResponse<String> landed = browser.followUntil(back, next -> false);
    String cookie = browser.cookie(page, "wos-session");
    if (landed.statusCode() != 200 || cookie == null || !landed.body().contains("user_")) {
      throw new IllegalStateException("AuthKit sign-in did not land on the page: " + landed.statusCode() + " " + landed.uri());
    }
    return cookie;
  }

  /** Logs in through j_security_check; returns the authenticated JSESSIONID. */
  static String signInThroughForm(String origin) {
    ScriptedBrowser browser = new ScriptedBrowser();
    URI page = URI.create(origin + "/c" + ThreeContexts.PAGE);
    HttpResponse<String> form = browser.get(page);
    if (form.statusCode() != 200 || !form.body().contains("j_security_check")) {
      throw new IllegalStateException("no FORM login page: " + form.statusCode());
    }
    HttpResponse<String> landed = browser.followUntil(browser.post(URI.create(origin + "/c/j_security_check"),
        Map.of("j_username", InMemoryRealm.USERNAME, "j_password", InMemoryRealm.PASSWORD)), next -> false);
    String session = browser.cookie(page, "JSESSIONID");
    if (landed.statusCode() != 200 || session == null || !landed.body().contains(InMemoryRealm.USERNAME)) {
      throw new IllegalStateException("FORM login did not land on the page: " + landed.statusCode());
    }
    return session;
  }

  private static double median(List<LoadTool.Result> runs, ToDoubleFunction<LoadTool.Result> metric) {
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: LoadRun [--protocol http1.1|h2c] [--rounds N] [--duration S]"
            + " [--warmup S] [--connections N] [--threads N] [--streams N (h2c)]; got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
