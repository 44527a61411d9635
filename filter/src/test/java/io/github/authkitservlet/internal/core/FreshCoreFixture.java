package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new {@link CoreFixture} for each test, against the emulator of the test class's
 * {@link AuthKitEmulatorExtension}; register it as an instance field after that one.
 */
final class FreshCoreFixture implements BeforeEachCallback, AfterEachCallback {

  private final AuthKitEmulatorExtension workos;
  private CoreFixture fixture;

  FreshCoreFixture(AuthKitEmulatorExtension workos) {
    this.workos = workos;
  }

  /** This test's fixture. */
  CoreFixture get() {
    return fixture;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    fixture = new CoreFixture(workos.emulator(), Map.of());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    fixture.close();
  }
}
