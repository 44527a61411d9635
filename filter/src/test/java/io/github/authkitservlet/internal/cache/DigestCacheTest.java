package io.github.authkitservlet.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache of verified credentials, here with verified sessions keyed by their cookies. */
class DigestCacheTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);

  /** Stands for a verified session: the cache keeps whatever it is given, by identity. */
  private static String session(String name) {
    return "verified session of " + name;
  }

  @Test
  void servesTheSameSessionForTheSameCookieUntilItsValidityEnds() {
    DigestCache<String> cache = new DigestCache<>(clock, 10);
    String ada = session("ada");
    cache.remember("Fe26.2*1*cookie-a", ada, START.plus(Duration.ofMinutes(4)));

    assertSame(ada, cache.find("Fe26.2*1*cookie-a").orElseThrow());
    clock.advance(Duration.ofMinutes(4).minusMillis(1));
    assertSame(ada, cache.find("Fe26.2*1*cookie-a").orElseThrow());
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), cache.find("Fe26.2*1*cookie-a"), "valid-until is exclusive");
    assertEquals(0, cache.size(), "an expired entry is dropped when it is found expired");
  }

  @Test
  void anyOtherCookieValueIsAMiss() {
    DigestCache<String> cache = new DigestCache<>(clock, 10);
    cache.remember("Fe26.2*1*cookie-a", session("ada"), START.plusSeconds(60));

    for (String other : List.of("Fe26.2*1*cookie-b", "Fe26.2*1*cookie-a ", "fe26.2*1*cookie-a", "Fe26.2*1*cookie-",
        "", "Fe26.2*1*cookie-a~2", "Fe26.2*1*cookie-\u00e1")) {
      assertEquals(Optional.empty(), cache.find(other), other);
    }
  }

  @Test
  void neverRemembersASessionThatIsNoLongerValid() {
    DigestCache<String> cache = new DigestCache<>(clock, 10);
    cache.remember("now", session("a"), START);
    cache.remember("past", session("b"), START.minusSeconds(1));

    assertEquals(0, cache.size());
    assertEquals(Optional.empty(), cache.find("now"));
  }

  @Test
  void forgetDropsTheEntryAtOnce() {
    DigestCache<String> cache = new DigestCache<>(clock, 10);
    cache.remember("cookie", session("ada"), START.plusSeconds(60));
    cache.remember("other", session("grace"), START.plusSeconds(60));

    cache.forget("cookie");

    assertEquals(Optional.empty(), cache.find("cookie"));
    assertTrue(cache.find("other").isPresent(), "only that cookie is forgotten");
  }

  @Test
  void staysWithinItsBoundAndDropsExpiredEntriesFirst() {
    DigestCache<String> cache = new DigestCache<>(clock, 8);
    for (int i = 0; i < 4; i++) {
      cache.remember("short-" + i, session("s" + i), START.plusSeconds(10));
    }
    for (int i = 0; i < 4; i++) {
      cache.remember("long-" + i, session("l" + i), START.plusSeconds(600));
    }
    assertEquals(8, cache.size());
    clock.advance(Duration.ofSeconds(10));

    cache.remember("newcomer", session("n"), START.plusSeconds(600));

    assertEquals(5, cache.size(), "the four expired entries made room; no live entry was evicted");
    for (int i = 0; i < 4; i++) {
      assertTrue(cache.find("long-" + i).isPresent(), "long-" + i);
    }
    assertTrue(cache.find("newcomer").isPresent());

    for (int i = 0; i < 1_000; i++) {
      cache.remember("flood-" + i, session("f" + i), START.plusSeconds(600));
      assertTrue(cache.size() <= 8, "size " + cache.size() + " after " + i);
    }
    assertTrue(cache.find("flood-999").isPresent(), "the newest entry is in after making room");
  }

  @Test
  void zeroEntriesDisablesIt() {
    DigestCache<String> cache = new DigestCache<>(clock, 0);
    cache.remember("cookie", session("ada"), START.plusSeconds(60));

    assertEquals(Optional.empty(), cache.find("cookie"));
    assertEquals(0, cache.size());
    assertThrows(IllegalArgumentException.class, () -> new DigestCache<String>(clock, -1));
  }
}
