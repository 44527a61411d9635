package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What an integration-test class shares with its deployments: the WorkOS emulator, the
 * application's clock and the captured log.
 *
 * <p>Created while the test class initialises, because its deployments (built before any JUnit
 * callback) need the emulator's port; {@link #reset} before each test, {@link #close} after all.
 */
final class TestWorld {

  /** Prefixes of sealed cookies and of JWTs: no log line may hold one, nor any other secret. */
  private static final List<String> SECRET_PREFIXES = List.of("Fe26.2*", "eyJhbGci");

  final AuthKitEmulator workos;
  final LogCapture logs;
  private final HttpClient http = Browser.newClient();
  /** The browsers of the current test: every cookie value they received is a secret for the log check. */
  private final List<Browser> browsers = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The emulator with its built-in seed on a random port. */
  static TestWorld start() {
    return new TestWorld(AuthKitEmulator.builder().port(0).start());
  }

  /** A world around an emulator the test started itself (its own seed, say). */
  TestWorld(AuthKitEmulator workos) {
    this.workos = workos;
    this.logs = LogCapture.install();
  }

  /** Back to the seed, the application's clock to real time, the log empty, no browsers. */
  void reset() {
    workos.reset();
    SharedTestClock.INSTANCE.reset();
    logs.clear();
    synchronized (browsers) {
      browsers.clear();
    }
  }

  /** A new browser (no cookies); the cookies it receives are checked against the log. */
  Browser newBrowser() {
    Browser created = new Browser(http);
    synchronized (browsers) {
      browsers.add(created);
    }
    return created;
  }

  /** Moves the emulator's clock and the application's together (a skew set up before stays). */
  void advance(Duration by) {
    workos.advanceClock(by);
    SharedTestClock.INSTANCE.advance(by);
  }

  /**
   * Fails when a log line holds the API key, the cookie password, a sealed cookie, a JWT, a cookie
   * value any of this test's browsers received, or one of {@code alsoSecret} (tokens a test saw).
   */
  void assertNothingSecretLogged(Collection<String> alsoSecret) {
    List<String> secrets = new ArrayList<>(List.of(workos.apiKey(), TestApp.COOKIE_PASSWORD));
    secrets.addAll(SECRET_PREFIXES);
    secrets.addAll(alsoSecret);
    synchronized (browsers) {
      browsers.forEach(b -> secrets.addAll(b.seenCookieValues()));
    }
    assertEquals(List.of(), logs.linesContainingAny(secrets));
  }

  /** The same check with nothing else secret. */
  void assertNothingSecretLogged() {
    assertNothingSecretLogged(List.of());
  }

  void close() {
    workos.close();
    logs.uninstall();
  }
}
