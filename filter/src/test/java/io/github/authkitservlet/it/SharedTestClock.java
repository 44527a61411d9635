package io.github.authkitservlet.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the deployed filter judges tokens by, moved forward by the tests together with the
 * emulator's clock (so tokens expire without sleeping).
 *
 * <p>It has to be a JVM-wide instance: the test and the web application (embedded Tomcat in the
 * same JVM) only share classes loaded by the parent class loader, and this class is deliberately
 * not packaged in the test WAR. Test code only.
 */
public final class SharedTestClock extends Clock {

  static final SharedTestClock INSTANCE = new SharedTestClock();

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private SharedTestClock() {}

  void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  void reset() {
    offset.set(Duration.ZERO);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
