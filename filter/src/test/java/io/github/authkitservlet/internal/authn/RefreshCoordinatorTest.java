package io.github.authkitservlet.internal.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import io.github.authkitservlet.testsupport.MutableClock;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RefreshCoordinatorTest {

  private static RefreshResult.Refreshed refreshed(String refreshToken) {
    SessionData data = new SessionData("access-" + refreshToken, refreshToken, null, null, null, null);
    AccessTokenClaims claims = new AccessTokenClaims("user_1", "session_1", null, null, List.of(), List.of(),
        List.of(), List.of(), null, Instant.parse("2026-01-01T00:05:00Z"));
    return new RefreshResult.Refreshed(new RefreshedSession(new ResolvedSession(data, claims), "sealed-" + refreshToken));
  }

  @Test
  void concurrentRequestsShareOneGrant() throws Exception {
    var coordinator = new RefreshCoordinator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), Duration.ofSeconds(10));
    AtomicInteger grants = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Supplier<RefreshResult> slowGrant = () -> {
      grants.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return refreshed("rt-2");
    };
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch started = new CountDownLatch(n);
      List<Future<RefreshResult>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(pool.submit(() -> {
          started.countDown();
          return coordinator.refresh("rt-1", slowGrant);
        }));
      }
      started.await(5, TimeUnit.SECONDS);
      Thread.sleep(200); // let every thread reach the coordinator while the grant is held
      release.countDown();
      RefreshedSession first = null;
      for (Future<RefreshResult> result : results) {
        RefreshResult r = result.get(10, TimeUnit.SECONDS);
        RefreshedSession session = assertInstanceOf(RefreshResult.Refreshed.class, r).session();
        if (first == null) {
          first = session;
        }
        assertSame(first, session, "every request gets the very same new session");
      }
      assertEquals(1, grants.get(), "exactly one refresh grant");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStragglerWithTheOldTokenGetsTheRotatedSessionForThirtySeconds() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var coordinator = new RefreshCoordinator(clock, Duration.ofSeconds(1));
    AtomicInteger grants = new AtomicInteger();
    Supplier<RefreshResult> grant = () -> refreshed("rt-" + grants.incrementAndGet());

    RefreshResult first = coordinator.refresh("old", grant);
    clock.advance(Duration.ofSeconds(29));
    RefreshResult straggler = coordinator.refresh("old", grant);
    assertSame(((RefreshResult.Refreshed) first).session(), ((RefreshResult.Refreshed) straggler).session());
    assertEquals(1, grants.get());

    clock.advance(Duration.ofSeconds(2));
    RefreshResult late = coordinator.refresh("old", grant);
    assertEquals(2, grants.get(), "after the TTL the old token goes to WorkOS again");
    assertNotEquals(((RefreshResult.Refreshed) first).session(), ((RefreshResult.Refreshed) late).session());
  }

  @Test
  void failuresAreNotRemembered() {
    var coordinator = new RefreshCoordinator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), Duration.ofSeconds(1));
    AtomicInteger grants = new AtomicInteger();
    coordinator.refresh("rt", () -> {
      grants.incrementAndGet();
      return new RefreshResult.Failed(new Failure(FailureReason.UNAVAILABLE, "workos_unavailable_500", Duration.ofSeconds(5)));
    });
    RefreshResult second = coordinator.refresh("rt", () -> {
      grants.incrementAndGet();
      return new RefreshResult.Failed(new Failure(FailureReason.REFUSED, "invalid_grant", Duration.ofSeconds(5)));
    });
    assertEquals(new RefreshResult.Failed(new Failure(FailureReason.REFUSED, "invalid_grant", Duration.ofSeconds(5))), second);
    assertEquals(2, grants.get());
    assertEquals(0, coordinator.rememberedRotations());
  }

  @Test
  void anExceptionInTheGrantKeepsTheSession() {
    var coordinator = new RefreshCoordinator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), Duration.ofSeconds(1));
    RefreshResult result = coordinator.refresh("rt", () -> {
      throw new IllegalStateException("boom");
    });
    assertFalse(assertInstanceOf(RefreshResult.Failed.class, result).failure().isTerminal(), "the session is kept");
  }

  @Test
  void rememberedRotationsAreBounded() {
    var coordinator = new RefreshCoordinator(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), Duration.ofSeconds(1));
    for (int i = 0; i < RecentRotations.MAX_ENTRIES + 50; i++) {
      String token = "rt-" + i;
      coordinator.refresh(token, () -> refreshed(token + "'"));
    }
    assertEquals(RecentRotations.MAX_ENTRIES, coordinator.rememberedRotations());
  }

  @Test
  void keysAreDigestsNotTokens() {
    String digest = RefreshCoordinator.digest("secret-refresh-token");
    assertEquals(43, digest.length());
    assertTrue(!digest.contains("secret"));
  }
}
