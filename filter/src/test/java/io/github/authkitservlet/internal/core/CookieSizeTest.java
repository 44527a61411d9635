package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieSizeTest {

  @Test
  void refusesACookieBrowsersWouldDropSilently() {
    String problem = CookieSize.problem("wos-session", "x".repeat(4100)).orElseThrow();
    assertTrue(problem.contains("wos-session"), problem);
    assertFalse(problem.contains("xxxx"), "the value must not be in the message");
    assertTrue(problem.contains("would be 4112 bytes"), problem);
  }

  @Test
  void aCookieOfExactlyTheLimitFits() {
    assertEquals(Optional.empty(), CookieSize.problem("a", "v".repeat(CookieSize.MAX_BYTES - 2)));
    assertTrue(CookieSize.problem("a", "v".repeat(CookieSize.MAX_BYTES - 1)).isPresent());
    assertEquals(Optional.empty(), CookieSize.problem("a", "é".repeat((CookieSize.MAX_BYTES - 2) / 2)), "counted in UTF-8 bytes");
  }
}
