package io.github.authkitservlet.emulator;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link AuthKitEmulator} for a JUnit 5 test class: started on a random port before
 * all tests, reset to its seed before each test, stopped after all tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();
 *
 * @Test
 * void signsIn(AuthKitEmulator workos) { ... workos.baseUrl() ... }
 * }</pre>
 */
public final class AuthKitEmulatorExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

  private final Consumer<AuthKitEmulator.Builder> configuration;
  private AuthKitEmulator emulator;
  /** The class context that started the emulator: @Nested classes share it and must not stop it. */
  private String ownerContextId;

  /** The built-in seed on a random port. */
  public AuthKitEmulatorExtension() {
    this(b -> { });
  }

  /** Customise the builder, e.g. {@code b -> b.seed(Path.of("src/test/resources/seed.json"))}. */
  public AuthKitEmulatorExtension(Consumer<AuthKitEmulator.Builder> configuration) {
    this.configuration = configuration;
  }

  /** The running emulator (available from {@code beforeAll} on). */
  public AuthKitEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator is not running: register this extension with "
          + "@RegisterExtension on a static field");
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (emulator == null) {
      AuthKitEmulator.Builder builder = AuthKitEmulator.builder().port(0);
      configuration.accept(builder);
      emulator = builder.start();
      ownerContextId = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator().reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null && context.getUniqueId().equals(ownerContextId)) {
      emulator.close();
      emulator = null;
      ownerContextId = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == AuthKitEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return emulator();
  }
}
