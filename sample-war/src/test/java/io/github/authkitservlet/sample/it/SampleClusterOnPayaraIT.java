package io.github.authkitservlet.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.IssuedSession;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample on two Payara Micro instances clustered through Payara's own data grid (Hazelcast,
 * TCP-IP on 127.0.0.1 only, phone-home off), with workos.session-store=jcache and nothing added to
 * the WAR: a refresh token is spent once across both, and a sign-out on one is refused on the other.
 */
class SampleClusterOnPayaraIT {

  static final AuthKitEmulator WORKOS = AuthKitEmulator.builder().port(0)
      // Shorter than the 60 s refresh buffer: every session is due for a refresh, and still valid.
      .accessTokenLifetime(Duration.ofSeconds(45)).start();
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final SessionCookieCodec COOKIES = new SessionCookieCodec(List.of(SampleWar.COOKIE_PASSWORD), Clock.systemUTC());
  static final List<Process> NODES = new ArrayList<>();
  static final List<URI> APPS = new ArrayList<>();

  @BeforeAll
  static void startTwoInstances() throws Exception {
    File war = new File("target/payara-cluster/sample.war");
    Files.createDirectories(war.toPath().getParent());
    SampleWar.pointedAt(WORKOS).as(ZipExporter.class).exportTo(war, true);
    String cluster = "authkit-payara-it-" + UUID.randomUUID().toString().substring(0, 8);
    for (String name : List.of("node-a", "node-b")) {
      int port = freePort();
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-Dworkos.session-store=jcache",
          "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.socket.bind.any=false",
          "-jar", System.getProperty("payara.micro.jar", "target/payara-micro.jar"),
          "--port", Integer.toString(port), "--deploy", war.getAbsolutePath(),
          "--clustername", cluster, "--clustermode", "tcpip:127.0.0.1:6900", "--startport", "6900",
          "--interfaces", "127.0.0.1", "--disablephonehome", "--name", name);
      File log = new File("target/payara-cluster/" + name + ".log");
      NODES.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
      APPS.add(URI.create("http://localhost:" + port + SampleWar.CONTEXT_PATH + "/"));
    }
    for (URI app : APPS) {
      awaitAnswering(app);
    }
    awaitSharedStore();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process node : NODES) {
      node.destroy();
    }
    for (Process node : NODES) {
      if (!node.waitFor(60, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    WORKOS.close();
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void awaitAnswering(URI app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(app).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return; // deployed (the home page is public)
        }
      } catch (java.io.IOException starting) {
        // not listening yet
      }
      assertTrue(NODES.stream().allMatch(Process::isAlive), "a Payara Micro instance stopped: see target/payara-cluster/*.log");
      Thread.sleep(1000);
    }
    throw new AssertionError(app + " did not answer within 5 minutes: see target/payara-cluster/*.log");
  }

  /** Waits (bounded) until a sign-out on the first instance reaches the second: the store is shared. */
  static void awaitSharedStore() throws Exception {
    String cookie = cookie();
    assertEquals(302, signOut(APPS.get(0), cookie).statusCode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (me(APPS.get(1), cookie).statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertEquals(401, me(APPS.get(1), cookie).statusCode(), "the instances never shared a session store");
  }

  /** A signed-in session cookie for ada (a password-less session, sealed as the sample seals it). */
  static String cookie() {
    IssuedSession session = WORKOS.issueSession("ada@example.com");
    return COOKIES.seal(new SessionData(session.accessToken(), session.refreshToken(), null, session.organizationId(),
        "Password", null));
  }

  static HttpResponse<String> me(URI app, String cookie) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(app.resolve("api/me")).header("Accept", "application/json")
        .header("Cookie", "wos-session=" + cookie).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<Void> signOut(URI app, String cookie) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(app.resolve("logout")).header("Cookie", "wos-session=" + cookie)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void aSignOutOnOneInstanceIsRefusedOnTheOtherWithinASecond() throws Exception {
    String cookie = cookie();
    assertEquals(200, me(APPS.get(1), cookie).statusCode());
    assertEquals(302, signOut(APPS.get(0), cookie).statusCode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    int status = me(APPS.get(1), cookie).statusCode();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(25);
      status = me(APPS.get(1), cookie).statusCode();
    }
    assertEquals(401, status);
  }

  @Test
  void twentyConcurrentRequestsOnBothInstancesSpendTheRefreshTokenOnce() throws Exception {
    String cookie = cookie();
    long before = WORKOS.counter("grant.refresh_token");
    ExecutorService threads = Executors.newFixedThreadPool(10);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        URI app = APPS.get(i % 2);
        answers.add(threads.submit(() -> me(app, cookie)));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.uri() + " " + response.body());
        assertFalse(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("Max-Age=0")),
            "a response cleared the session cookie");
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, WORKOS.counter("grant.refresh_token") - before, "one refresh grant for twenty requests on two instances");
  }
}
