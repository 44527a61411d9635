package io.github.authkitservlet.internal.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import io.github.authkitservlet.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers' stores sharing one Hazelcast member's caches (an embedded member on loopback; in one
 * JVM, stores with the same provider configuration share one cache manager, which is how the
 * protocol between servers is exercised here; the multi-server ITs run it on separate members):
 * revocations reach the other server, a refresh token is spent by one server only, and a store
 * without its grid works alone.
 */
class JCacheSessionStoreTest {

  static final String MEMBER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
  static final Duration WAIT_LIMIT = Duration.ofSeconds(5);
  static final MutableClock CLOCK = new MutableClock(Instant.now());

  static JCacheSessionStore a;
  static JCacheSessionStore b;
  static final List<JCacheSessionStore> LATER = new ArrayList<>();

  static JCacheSessionStore store(String server) throws Exception {
    URI config = JCacheSessionStoreTest.class.getResource("/hazelcast/member.xml").toURI();
    JCacheSessionStore store = new JCacheSessionStore(CLOCK, WAIT_LIMIT,
        new SharedCaches.Source(MEMBER, config, "authkit.client_test."), JCacheSessionStoreTest.class.getClassLoader());
    assertTrue(store.grid().awaitConnected(Duration.ofSeconds(60)), "the store of server " + server + " has no grid");
    return store;
  }

  @BeforeAll
  static void startTwoServers() throws Exception {
    a = store("a");
    b = store("b");
  }

  @AfterAll
  static void stop() {
    LATER.forEach(JCacheSessionStore::close);
    b.close();
    a.close();
  }

  static RefreshResult.Refreshed refreshed(String sealed) {
    SessionData data = new SessionData("access", "refresh", null, null, null, null);
    AccessTokenClaims claims = new AccessTokenClaims("user_1", "session_1", null, null, List.of(), List.of(), List.of(),
        List.of(), null, Instant.now().plusSeconds(300));
    return new RefreshResult.Refreshed(new RefreshedSession(new ResolvedSession(data, claims), sealed));
  }

  /** What the authenticator does with a cookie another server sealed: read it (here: wrap it). */
  static final Function<String, Optional<RefreshedSession>> ADOPT = sealed -> Optional.of(refreshed(sealed).session());

  static String token() {
    return "rt_" + UUID.randomUUID();
  }

  @Test
  void aSignOutOnOneServerIsRefusedOnTheOtherWithinASecond() throws Exception {
    String sessionId = "session_" + UUID.randomUUID();
    a.revoke(sessionId, CLOCK.instant().plusSeconds(300));
    assertTrue(a.isRevoked(sessionId), "at once where it happened");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (!b.isRevoked(sessionId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(b.isRevoked(sessionId), "the other server's view has it within a second");
  }

  @Test
  void manySignOutsAtOnceOnBothServersAllReachBothViews() throws Exception {
    List<String> sessionIds = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sessionIds.add("session_" + UUID.randomUUID());
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sessionIds.size(); i++) {
        JCacheSessionStore server = i % 2 == 0 ? a : b;
        String sessionId = sessionIds.get(i);
        done.add(threads.submit(() -> server.revoke(sessionId, CLOCK.instant().plusSeconds(300))));
      }
      for (Future<?> revoke : done) {
        revoke.get(10, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (!sessionIds.stream().allMatch(id -> a.isRevoked(id) && b.isRevoked(id)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    for (String sessionId : sessionIds) {
      assertTrue(a.isRevoked(sessionId) && b.isRevoked(sessionId), sessionId + " reached both servers within a second");
    }
  }

  @Test
  void aServerThatStartsLaterLoadsTheRevocationsAlreadyMade() throws Exception {
    String sessionId = "session_" + UUID.randomUUID();
    a.revoke(sessionId, CLOCK.instant().plusSeconds(300));
    JCacheSessionStore c = store("c");
    LATER.add(c);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (!c.isRevoked(sessionId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(c.isRevoked(sessionId), "a server that joins reads the revocations made before within a second");
  }

  @Test
  void aRefreshTokenIsSpentOnceAcrossServersAndEveryRequestGetsItsResult() throws Exception {
    String token = token();
    AtomicInteger grants = new AtomicInteger();
    CountDownLatch hold = new CountDownLatch(1);
    Supplier<RefreshResult> slowGrant = () -> {
      grants.incrementAndGet();
      try {
        hold.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return refreshed("sealed-new-session");
    };
    ExecutorService threads = Executors.newFixedThreadPool(12);
    try {
      List<Future<RefreshResult>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        JCacheSessionStore server = i % 2 == 0 ? a : b;
        results.add(threads.submit(() -> server.refresh(token, slowGrant, ADOPT)));
      }
      Thread.sleep(500); // every request is waiting for the one grant
      hold.countDown();
      for (Future<RefreshResult> result : results) {
        RefreshResult.Refreshed done = assertInstanceOf(RefreshResult.Refreshed.class, result.get(10, TimeUnit.SECONDS));
        assertEquals("sealed-new-session", done.session().sealedCookie());
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, grants.get(), "one grant for twelve requests on two servers");
    // The old cookie shortly after, on either server: the rotation, no grant.
    Supplier<RefreshResult> mustNotRun = () -> {
      throw new AssertionError("refreshed twice");
    };
    assertInstanceOf(RefreshResult.Refreshed.class, b.refresh(token, mustNotRun, ADOPT));
  }

  @Test
  void aRefusalIsSharedTooSoNobodyTriesTheSpentToken() {
    String token = token();
    Failure refused = new Failure(FailureReason.REFUSED, "invalid_grant", Failure.DEFAULT_RETRY_AFTER);
    assertEquals(new RefreshResult.Failed(refused), a.refresh(token, () -> new RefreshResult.Failed(refused), ADOPT));
    RefreshResult onB = b.refresh(token, () -> {
      throw new AssertionError("asked WorkOS again");
    }, ADOPT);
    assertEquals(refused, assertInstanceOf(RefreshResult.Failed.class, onB).failure());
  }

  @Test
  void aPassingFailureFreesTheTokenForTheNextTry() {
    String token = token();
    Failure down = Failure.of(FailureReason.UNREACHABLE);
    assertEquals(new RefreshResult.Failed(down), a.refresh(token, () -> new RefreshResult.Failed(down), ADOPT));
    assertInstanceOf(RefreshResult.Refreshed.class, b.refresh(token, () -> refreshed("later"), ADOPT));
  }

  @Test
  void theClaimOfAServerThatVanishedIsTakenOverAfterTheWaitLimit() throws Exception {
    String token = token();
    String key = RefreshCoordinator.digest(token);
    a.grid().call("plant a claim", caches -> {
      caches.refreshes().put(key, "P:vanished:" + (System.currentTimeMillis() - WAIT_LIMIT.toMillis() - 1000));
      return Boolean.TRUE;
    });
    assertInstanceOf(RefreshResult.Refreshed.class, b.refresh(token, () -> refreshed("taken over"), ADOPT));
  }

  @Test
  void withoutItsGridAStoreWorksAloneAndSaysSoOnce() throws Exception {
    // A provider that is not there: the store never gets its caches.
    JCacheSessionStore alone = new JCacheSessionStore(CLOCK, WAIT_LIMIT,
        new SharedCaches.Source("com.example.NoSuchCachingProvider", null, "authkit.alone."),
        JCacheSessionStoreTest.class.getClassLoader());
    try {
      assertFalse(alone.grid().awaitConnected(Duration.ofSeconds(2)));
      AtomicInteger grants = new AtomicInteger();
      assertInstanceOf(RefreshResult.Refreshed.class, alone.refresh(token(), () -> {
        grants.incrementAndGet();
        return refreshed("local");
      }, ADOPT));
      assertEquals(1, grants.get());
      alone.revoke("session_alone", CLOCK.instant().plusSeconds(60));
      assertTrue(alone.isRevoked("session_alone"), "revocations still hold on this server");
    } finally {
      alone.close();
    }
  }
}
