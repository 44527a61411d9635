package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.SessionStoreKind;
import java.time.Clock;

/**
 * Makes the {@link SessionStore} a configuration asks for ({@code workos.session-store}).
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SessionStores {

  private SessionStores() {}

  /** One server: ended sessions and refreshes in this JVM's memory. */
  public static SessionStore memory(Clock clock, SessionPolicy policy) {
    return new MemorySessionStore(clock, policy.refreshWaitLimit());
  }

  /**
   * The store the configuration names; a JCache store obtains its caches in the background.
   *
   * @param classLoader the application's class loader (the provider and its configuration are
   *     looked up through it)
   * @throws IllegalStateException when {@code jcache} is asked for but the JCache API is not on
   *     the class path (the message says what to add)
   */
  public static SessionStore of(AuthKitConfig config, Clock clock, ClassLoader classLoader) {
    SessionPolicy policy = SessionPolicy.of(config);
    if (config.sessionStore() == SessionStoreKind.MEMORY) {
      return memory(clock, policy);
    }
    try {
      Class.forName("javax.cache.Caching", false, classLoader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("workos.session-store=jcache needs the JCache API (javax.cache:cache-api)"
          + " and a provider (e.g. com.hazelcast:hazelcast) in the application or the container");
    }
    // Apps of different WorkOS clients may share one grid: their caches never mix.
    String prefix = "authkit." + config.clientId() + ".";
    return new JCacheSessionStore(clock, policy.refreshWaitLimit(),
        new SharedCaches.Source(config.jcacheProvider().orElse(null), config.jcacheConfig().orElse(null), prefix),
        classLoader);
  }
}
