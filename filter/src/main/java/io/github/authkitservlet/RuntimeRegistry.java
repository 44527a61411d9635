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
  private final ClassLoader classLoader;

  private RuntimeRegistry(Clock clock, ClassLoader classLoader) {
    this.clock = clock;
    this.classLoader = classLoader;
  }

  /** The registry of this application, created on first use. */
  static RuntimeRegistry of(ServletContext context) {
    synchronized (context) {
      Object existing = context.getAttribute(ATTRIBUTE);
      if (existing instanceof RuntimeRegistry registry) {
        return registry;
      }
      RuntimeRegistry registry = new RuntimeRegistry(clockOf(context), classLoaderOf(context));
      context.setAttribute(ATTRIBUTE, registry);
      return registry;
    }
  }

  /**
   * The runtime of this configuration, made on first use.
   *
   * @throws IllegalStateException when its session store cannot be had (the message says why)
   * @throws IllegalArgumentException when a listener cannot be used (the message names the setting)
   */
  synchronized AuthKitRuntime acquire(AuthKitConfig config) {
    AuthKitRuntime runtime = runtimes.computeIfAbsent(config, c -> new AuthKitRuntime(c, clock, classLoader));
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

  /** The application's class loader (the container's view of it), else the thread's. */
  private static ClassLoader classLoaderOf(ServletContext context) {
    try {
      ClassLoader loader = context.getClassLoader();
      if (loader != null) {
        return loader;
      }
    } catch (UnsupportedOperationException | SecurityException e) {
      // A context that does not say: fall through.
    }
    return Thread.currentThread().getContextClassLoader();
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
