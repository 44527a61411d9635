package io.github.authkitservlet.internal.bearer;

import java.util.function.LongSupplier;

/**
 * How many API keys this server did not know yet it may ask WorkOS about: a token bucket refilled
 * at {@code perSecond}, holding at most one second's worth. Keys already remembered (valid or not)
 * never draw from it, so it only ever slows down someone presenting new values, such as a
 * guesser; and it keeps them from spending the WorkOS rate limit that sign-in and refresh share.
 */
final class ValidationBudget {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double perSecond;
  private final LongSupplier nanoTime;
  private double available;
  private long lastRefill;

  /** @param nanoTime a monotonic clock ({@link System#nanoTime}; tests pass their own) */
  ValidationBudget(int perSecond, LongSupplier nanoTime) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be >= 1");
    }
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.available = perSecond;
    this.lastRefill = nanoTime.getAsLong();
  }

  /** Takes one validation from the budget; false when it is spent for now. */
  synchronized boolean tryTake() {
    long now = nanoTime.getAsLong();
    available = Math.min(perSecond, available + (now - lastRefill) * perSecond / NANOS_PER_SECOND);
    lastRefill = now;
    if (available < 1) {
      return false;
    }
    available -= 1;
    return true;
  }
}
