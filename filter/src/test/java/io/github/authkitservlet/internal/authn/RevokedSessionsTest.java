package io.github.authkitservlet.internal.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final RevokedSessions revoked = new RevokedSessions(clock);

  @Test
  void anIdIsRefusedUntilItsTimeAndThenForgotten() {
    revoked.revoke("session_a", clock.instant().plusSeconds(330));
    assertTrue(revoked.isRevoked("session_a"));
    assertFalse(revoked.isRevoked("session_b"));
    assertFalse(revoked.isRevoked(null));
    clock.advance(Duration.ofSeconds(329));
    assertTrue(revoked.isRevoked("session_a"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(revoked.isRevoked("session_a"));
    assertEquals(0, revoked.size());
  }

  @Test
  void aLaterTimeExtendsAndAnEarlierOneDoesNotShorten() {
    revoked.revoke("session_a", clock.instant().plusSeconds(60));
    revoked.revoke("session_a", clock.instant().plusSeconds(600));
    revoked.revoke("session_a", clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(599));
    assertTrue(revoked.isRevoked("session_a"));
  }

  @Test
  void aTimeAlreadyPastIsNotKept() {
    revoked.revoke("session_a", clock.instant());
    assertFalse(revoked.isRevoked("session_a"));
    assertEquals(0, revoked.size());
  }

  @Test
  void theListIsBoundedAndGivesUpTheSoonestToExpireFirst() {
    Instant base = clock.instant();
    revoked.revoke("session_longest", base.plus(Duration.ofDays(400)));
    for (int i = 0; i < RevokedSessions.MAX_ENTRIES + 10; i++) {
      revoked.revoke("session_" + i, base.plusSeconds(300 + i));
    }
    assertTrue(revoked.size() <= RevokedSessions.MAX_ENTRIES, "size " + revoked.size());
    assertTrue(revoked.isRevoked("session_longest"));
    assertFalse(revoked.isRevoked("session_0"), "the soonest to expire made room");
    assertTrue(revoked.isRevoked("session_" + (RevokedSessions.MAX_ENTRIES + 9)));
  }
}
