package io.github.authkitservlet.emulator.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of "now": real time plus an offset that tests can advance, so codes,
 * access tokens and rotated keys expire without the test having to sleep.
 */
public final class EmulatorClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public EmulatorClock(Clock base) {
    this.base = base;
  }

  public EmulatorClock() {
    this(Clock.systemUTC());
  }

  /** Moves the clock forward (a negative duration is refused: time does not run backwards). */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offset.updateAndGet(o -> o.plus(d));
  }

  public void reset() {
    offset.set(Duration.ZERO);
  }

  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator clock is always UTC");
  }
}
