package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link AuthKitRuntime}s of one web application, one per distinct configuration, counted so
 * the last component to stop closes it. Lives in a ServletContext attribute (not a static), so two
 * applications in one container never share state.
 */
final class RuntimeRegistry {

  private static final String ATTRIBUTE = RuntimeRegistry.class.getName();

  private final Map<AuthKitConfig, AuthKitRuntime> runtimes = new HashMap<>();
  private final Map<AuthKitConfig, Integer> users = new HashMap<>();
  private final Clock clock;
  private final ClassLoader loader;

  private RuntimeRegistry(Clock clock, ClassLoader loader) {
    this.clock = clock;
    this.loader = loader;
  }

  /** The registry of this application, created on first use. */
  static RuntimeRegistry of(ServletContext context) {
    synchronized (context) {
      Object existing = context.getAttribute(ATTRIBUTE);
      if (existing instanceof RuntimeRegistry registry) {
        return registry;
      }
      RuntimeRegistry registry = new RuntimeRegistry(clockOf(context), context.getClassLoader());
      context.setAttribute(ATTRIBUTE, registry);
      return registry;
    }
  }

  /**
   * The runtime of this configuration, built on first use.
   *
   * @throws IllegalArgumentException when it cannot be built (a listener that cannot be used)
   */
  synchronized AuthKitRuntime acquire(AuthKitConfig config) {
    AuthKitRuntime runtime = runtimes.computeIfAbsent(config, c -> new AuthKitRuntime(c, clock, loader));
    users.merge(config, 1, Integer::sum);
    return runtime;
  }

  synchronized void release(AuthKitRuntime runtime) {
    AuthKitConfig config = runtime.config;
    Integer left = users.computeIfPresent(config, (c, n) -> n - 1);
    if (left != null && left <= 0) {
      users.remove(config);
      AuthKitRuntime removed = runtimes.remove(config);
      if (removed != null) {
        removed.close();
      }
    }
  }

  /**
   * The clock tokens are judged by: the system clock, unless a {@link Clock} was put in the
   * context attribute {@link AuthKitFilter#CLOCK_ATTRIBUTE} before the first component started
   * (integration tests use this to expire tokens together with the emulator's clock).
   */
  private static Clock clockOf(ServletContext context) {
    Object clock = context.getAttribute(AuthKitFilter.CLOCK_ATTRIBUTE);
    return clock instanceof Clock given ? given : Clock.systemUTC();
  }
}
