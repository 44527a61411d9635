package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Caching;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two servers of one application sharing a session store (workos.session-store=jcache): two
 * embedded Tomcats on loopback, each web application embedding its own Hazelcast member (TCP-IP
 * join on 127.0.0.1 only), one WorkOS emulator. Requests are spread over both, as a load balancer
 * without sticky sessions would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final String CONTEXT = "/authkit-cluster";
  static final String SESSION = "wos-session";
  static final String JCACHE = """
      <context-param><param-name>workos.session-store</param-name><param-value>jcache</param-value></context-param>
      <context-param><param-name>workos.jcache-provider</param-name><param-value>com.hazelcast.cache.HazelcastMemberCachingProvider</param-value></context-param>
      <context-param><param-name>workos.jcache-config</param-name><param-value>classpath:hazelcast-authkit.xml</param-value></context-param>
      """;
  static final int PORT_A = ServerNode.freePort();
  static final int PORT_B = ServerNode.freePort();
  /** WorkOS sends its webhooks to node A; whichever node gets them, both must act. */
  static final TestWorld WORLD = new TestWorld(AuthKitEmulator.builder().port(0)
      .webhookEndpoint(URI.create("http://localhost:" + PORT_A + CONTEXT + "/webhooks/workos"), TestApp.WEBHOOK_SECRET)
      .start());
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final HttpClient HTTP = Browser.newClient();

  static ServerNode a;
  static ServerNode b;
  final List<String> seen = new ArrayList<>();

  /** The test application with a JCache session store, its own Hazelcast and the member configuration. */
  static File war(String name, String contextParams) throws Exception {
    WebArchive war = TestApp.war(WORKOS, CONTEXT, CONTEXT + "/callback", "", contextParams)
        .addAsLibraries(jarOf(Caching.class), new File(System.getProperty("authkit.it.hazelcast-jar")))
        .addAsResource(new FileAsset(new File("target/test-classes/cluster/hazelcast-authkit.xml")),
            "hazelcast-authkit.xml");
    File file = new File("target/cluster-it/" + name + ".war");
    Files.createDirectories(file.toPath().getParent());
    war.as(ZipExporter.class).exportTo(file, true);
    return file;
  }

  static File jarOf(Class<?> type) throws Exception {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @BeforeAll
  static void startTwoServers() throws Exception {
    File war = war("cluster", JCACHE);
    a = new ServerNode("node-a", war, CONTEXT, PORT_A);
    b = new ServerNode("node-b", war, CONTEXT, PORT_B);
    a.start();
    b.start();
    awaitGrid(2, 2);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    try {
      b.close();
      a.close();
    } finally {
      WORLD.close();
    }
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged(seen);
  }

  /**
   * Waits until both nodes' members see a cluster of {@code members}, and {@code stores} session
   * stores (since the log was last cleared) have their caches (bounded: 90 s).
   */
  static void awaitGrid(int members, int stores) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while ((a.gridMembers() < members || b.gridMembers() < members || storesReady() < stores)
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(stores, storesReady(), "session stores with their caches");
    assertEquals(members, a.gridMembers(), "node A's member sees the cluster");
    assertEquals(members, b.gridMembers(), "node B's member sees the cluster");
  }

  static int storesReady() {
    return WORLD.logs.linesContainingAny(List.of("shared session store ready")).size();
  }

  /** Signs ada in through node A; returns the session cookie (valid on every node). */
  String signIn() {
    return signIn(WORLD, a);
  }

  /** Signs ada in through {@code node} in a browser of {@code world} (so its log check knows the cookie). */
  static String signIn(TestWorld world, ServerNode node) {
    Browser browser = world.newBrowser();
    HttpResponse<String> start = browser.page(node.app("/whoami"));
    HttpResponse<String> back = browser.follow(browser.submitSignIn(browser.follow(start), "ada@example.com", "authkit-demo"));
    assertEquals(200, back.statusCode(), back.body());
    return browser.cookie(node.base(), SESSION).orElseThrow();
  }

  static HttpResponse<String> api(ServerNode node, String cookie) {
    try {
      return HTTP.send(HttpRequest.newBuilder(node.app("/whoami")).header("Accept", "application/json")
          .header("Cookie", SESSION + "=" + cookie).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a response deletes the session cookie. */
  static boolean clears(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SESSION + "=; Max-Age=0"));
  }

  /** {@code count} concurrent requests with one cookie, alternating between the nodes; their answers. */
  static List<HttpResponse<String>> fanOut(ServerNode a, ServerNode b, String cookie, int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerNode node = i % 2 == 0 ? a : b;
        futures.add(threads.submit(() -> api(node, cookie)));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  void assertAllServedNoneSignedOut(List<HttpResponse<String>> answers) {
    for (HttpResponse<String> answer : answers) {
      assertEquals(200, answer.statusCode(), answer.uri() + " " + answer.body());
      assertTrue(!clears(answer), "a response cleared the session cookie: " + answer.uri());
      answer.headers().allValues("Set-Cookie").forEach(c -> seen.add(c.split(";", 2)[0].split("=", 2)[1]));
    }
  }

  @Test
  @Order(1)
  void fiftyConcurrentRequestsOnTwoServersSpendTheRefreshTokenOnce() throws Exception {
    String cookie = signIn();
    WORLD.advance(Duration.ofSeconds(250)); // within the refresh buffer: every request wants a refresh

    assertAllServedNoneSignedOut(fanOut(a, b, cookie, 50));

    assertEquals(1, WORKOS.counter("grant.refresh_token"), "one refresh grant for fifty requests on two servers");
    assertEquals(0, WORKOS.counter("grant.refresh_token.failed"));
  }

  @Test
  @Order(2)
  void aSignOutOnOneServerIsRefusedOnTheOtherWithinASecond() throws Exception {
    String cookie = signIn();
    assertEquals(200, api(b, cookie).statusCode(), "node B serves the session");
    HttpResponse<String> logout = HTTP.send(HttpRequest.newBuilder(a.app("/logout"))
        .header("Cookie", SESSION + "=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, logout.statusCode());

    assertRefusedWithinASecond(b, cookie);
  }

  @Test
  @Order(3)
  void aRevocationWebhookIsRefusedOnBothServersWithinASecond() throws Exception {
    String cookie = signIn();
    String sessionId = Browser.json(api(b, cookie)).getString("sessionId");

    assertTrue(WORKOS.revokeSession(sessionId));
    assertTrue(WORKOS.awaitCounter("webhook.delivered", 1, Duration.ofSeconds(5)), "delivered to node A");

    assertRefusedWithinASecond(a, cookie);
    assertRefusedWithinASecond(b, cookie);
  }

  void assertRefusedWithinASecond(ServerNode node, String cookie) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    int status = api(node, cookie).statusCode();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(25);
      status = api(node, cookie).statusCode();
    }
    assertEquals(401, status, "refused on " + node.base());
  }

  @Test
  @Order(4)
  void withOneServersMemberStoppedMidRunNobodyIsSignedOutAndTheServerRejoinsAfterARestart() throws Exception {
    String cookie = signIn();
    WORLD.advance(Duration.ofSeconds(250));
    ExecutorService stopper = Executors.newSingleThreadExecutor();
    try {
      Future<?> stopped = stopper.submit(() -> {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        b.stopGridMember();
      });
      assertAllServedNoneSignedOut(fanOut(a, b, cookie, 50));
      stopped.get(30, TimeUnit.SECONDS);
    } finally {
      stopper.shutdownNow();
    }
    assertEquals(1, WORKOS.counter("grant.refresh_token"), "WorkOS issued one new session");

    // Node B restarts: its new member rejoins and it serves again, with revocations made meanwhile.
    b.stop();
    String signedOutMeanwhile = signIn();
    assertEquals(302, HTTP.send(HttpRequest.newBuilder(a.app("/logout")).header("Cookie", SESSION + "=" + signedOutMeanwhile)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    b.start();
    awaitGrid(2, 1);
    String fresh = signIn();
    assertEquals(200, api(b, fresh).statusCode(), "node B serves after its restart");
    assertEquals(401, api(b, signedOutMeanwhile).statusCode(), "and knows the sign-out made while it was down");
  }
}
