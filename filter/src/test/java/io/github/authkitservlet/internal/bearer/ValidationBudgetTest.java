package io.github.authkitservlet.internal.bearer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValidationBudgetTest {

  @Test
  void aSecondsWorthAtOnceThenAsTimeRefillsIt() {
    AtomicLong nanos = new AtomicLong();
    ValidationBudget budget = new ValidationBudget(4, nanos::get);
    for (int i = 0; i < 4; i++) {
      assertTrue(budget.tryTake(), "take " + i);
    }
    assertFalse(budget.tryTake(), "spent");
    nanos.addAndGet(250_000_000L); // a quarter of a second: one more
    assertTrue(budget.tryTake());
    assertFalse(budget.tryTake());
    nanos.addAndGet(60_000_000_000L); // a minute: never more than a second's worth
    for (int i = 0; i < 4; i++) {
      assertTrue(budget.tryTake(), "take " + i);
    }
    assertFalse(budget.tryTake());
  }
}
