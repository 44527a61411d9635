package io.github.authkitservlet.internal.authn;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;

/**
 * The three JCache caches a {@link JCacheSessionStore} shares with the application's other servers,
 * reached only through {@link #call}: every operation runs on a small pool of its own with a
 * time limit, so a slow, split or stopped grid delays nobody's request for long and never throws.
 *
 * <p>While the grid fails, calls are skipped (the store then works as a single server) and one
 * WARNING says so; a call is tried again after {@link #RETRY_INTERVAL}, and the first one that
 * succeeds says, at INFO, that the grid is back. The caches are obtained in the background at
 * start (an embedded member may take seconds to join its peers) and again after an outage if
 * they never were.
 */
final class SharedCaches implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SharedCaches.class.getName());
  /** How long one grid operation may take before the grid counts as failing. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  /** How long getting the caches (starting an embedded member, joining peers) may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  /** After a failure, grid calls are skipped this long before one is tried again. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);
  /** Refresh coordination entries live at most this long (they hold sealed sessions). */
  static final Duration REFRESH_ENTRY_LIFETIME = Duration.ofSeconds(60);
  /**
   * Revocations are kept in the grid this long (each server enforces an entry's own end time);
   * time enough for every access token of the sessions they name to expire.
   */
  static final Duration REVOCATION_ENTRY_LIFETIME = Duration.ofHours(1);

  private static final String HAZELCAST = "com.hazelcast.";
  /** Where Payara Server and Payara Micro publish the CacheManager of their data grid. */
  static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";
  private static final String HAZELCAST_CONFIG_LOCATION = "hazelcast.config.location";

  /** Where the caches come from: a provider class (null: the default one) and its configuration (null: default). */
  record Source(String providerClass, URI configUri, String cacheNamePrefix) {
    Source {
      Objects.requireNonNull(cacheNamePrefix, "cacheNamePrefix");
    }
  }

  /**
   * The caches, once obtained.
   *
   * @param ownManager whether the manager is ours to close (false for the container's own)
   */
  record Caches(CacheManager manager, boolean ownManager, Cache<String, String> refreshes,
      Cache<String, Long> revocations, Cache<String, String> revocationFeed) {}

  private final Source source;
  private final ClassLoader classLoader;
  private final Consumer<Caches> onConnect;
  private final ThreadPoolExecutor pool;
  private volatile Caches caches;
  private volatile Future<?> connecting;
  private volatile long skipUntilNanos;
  private volatile boolean failing;

  /**
   * @param onConnect called once the caches are obtained, before any other call may use them (on
   *     a pool thread): a store loads what the grid already holds
   */
  SharedCaches(Source source, ClassLoader classLoader, Consumer<Caches> onConnect) {
    this.source = source;
    this.classLoader = classLoader;
    this.onConnect = onConnect;
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), task -> {
      Thread thread = new Thread(task, "authkit-session-store-" + count.incrementAndGet());
      thread.setDaemon(true);
      // Providers load configuration and classes through the application's class loader.
      thread.setContextClassLoader(classLoader);
      return thread;
    });
    this.connecting = pool.submit(this::connect);
  }

  /**
   * Runs {@code operation} on the caches within {@link #CALL_TIMEOUT}; empty when the caches are
   * not (yet) obtained, the grid is failing, or the operation fails or takes too long. The
   * operation must not return null.
   */
  <T> Optional<T> call(String what, java.util.function.Function<Caches, T> operation) {
    Caches current = caches;
    if (current == null) {
      reconnectIfDue();
      return Optional.empty();
    }
    if (failing && System.nanoTime() < skipUntilNanos) {
      return Optional.empty();
    }
    Future<T> result;
    try {
      result = pool.submit((Callable<T>) () -> operation.apply(current));
    } catch (RejectedExecutionException e) {
      failed(what, "too many operations waiting");
      return Optional.empty();
    }
    try {
      T value = result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      recovered();
      return Optional.of(value);
    } catch (TimeoutException e) {
      result.cancel(true);
      failed(what, "no answer within " + CALL_TIMEOUT.toMillis() + " ms");
    } catch (ExecutionException e) {
      failed(what, e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** Waits (bounded) until the caches are obtained; for start-up checks and tests. */
  boolean awaitConnected(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (caches == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return caches != null;
  }

  private void connect() {
    try {
      Optional<CacheManager> containers = source.providerClass() == null && source.configUri() == null
          ? containerCacheManager() : Optional.empty();
      CacheManager manager = containers.orElseGet(this::providerCacheManager);
      Cache<String, String> refreshes = cache(manager, source.cacheNamePrefix() + "refreshes", String.class,
          REFRESH_ENTRY_LIFETIME);
      Cache<String, Long> revocations = cache(manager, source.cacheNamePrefix() + "revoked-sessions", Long.class,
          REVOCATION_ENTRY_LIFETIME);
      Cache<String, String> feed = cache(manager, source.cacheNamePrefix() + "revocation-feed", String.class,
          RevocationFeed.ENTRY_LIFETIME);
      Caches obtained = new Caches(manager, containers.isEmpty(), refreshes, revocations, feed);
      onConnect.accept(obtained);
      caches = obtained;
      LOG.log(Level.INFO, "shared session store ready: caches {0}refreshes, {0}revoked-sessions and"
          + " {0}revocation-feed from {1}",
          new Object[] {source.cacheNamePrefix(), containers.isPresent()
              ? "the container's data grid (" + PAYARA_CACHE_MANAGER + ")" : manager.getCachingProvider().getClass().getName()});
      recovered();
    } catch (RuntimeException | LinkageError e) {
      failed("start", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
    }
  }

  /**
   * The container's own CacheManager, when it publishes one: Payara's is a member of its data grid,
   * already clustered the way the administrator set it up. A provider in the application would
   * only be a client of that grid (Payara carries Hazelcast's client provider too) or a second grid.
   */
  private static Optional<CacheManager> containerCacheManager() {
    try {
      return Optional.of(new javax.naming.InitialContext().lookup(PAYARA_CACHE_MANAGER))
          .filter(CacheManager.class::isInstance)
          .map(CacheManager.class::cast);
    } catch (javax.naming.NamingException | RuntimeException | LinkageError e) {
      // Not Payara (or no JNDI at all): the provider on the class path.
      return Optional.empty();
    }
  }

  /** A manager of the named (or the default) provider, configured as the settings say. */
  private CacheManager providerCacheManager() {
    CachingProvider provider = source.providerClass() == null
        ? Caching.getCachingProvider(classLoader)
        : Caching.getCachingProvider(source.providerClass(), classLoader);
    URI uri = provider.getDefaultURI();
    Properties properties = new Properties();
    if (source.configUri() != null) {
      if (provider.getClass().getName().startsWith(HAZELCAST)) {
        // Hazelcast prefixes cache names with a non-default URI, which may differ from server to
        // server; given as this property instead, the names stay equal, and closing the manager
        // also stops the member it started.
        properties.setProperty(HAZELCAST_CONFIG_LOCATION, source.configUri().toString());
      } else {
        uri = source.configUri();
      }
    }
    // The provider's own class loader, not the application's: providers may scope cache names by
    // class loader (Hazelcast prefixes them with its text, which differs from server to server),
    // and the caches must be the same on every server. Keys and values are plain strings and numbers.
    return provider.getCacheManager(uri, provider.getDefaultClassLoader(), properties);
  }

  /** The cache, as the provider's configuration defines it, else created with our defaults. */
  private static <V> Cache<String, V> cache(CacheManager manager, String name, Class<V> valueType, Duration lifetime) {
    Cache<String, V> existing = manager.getCache(name, String.class, valueType);
    if (existing != null) {
      return existing;
    }
    MutableConfiguration<String, V> configuration = new MutableConfiguration<String, V>()
        .setTypes(String.class, valueType)
        .setStoreByValue(true)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
            new javax.cache.expiry.Duration(TimeUnit.SECONDS, lifetime.toSeconds())));
    try {
      return manager.createCache(name, configuration);
    } catch (CacheException e) {
      // Another server created it between our look and our create.
      Cache<String, V> created = manager.getCache(name, String.class, valueType);
      if (created == null) {
        throw e;
      }
      return created;
    }
  }

  private void reconnectIfDue() {
    Future<?> attempt = connecting;
    if (attempt != null && attempt.isDone() && caches == null && System.nanoTime() >= skipUntilNanos) {
      skipUntilNanos = System.nanoTime() + RETRY_INTERVAL.toNanos();
      try {
        connecting = pool.submit(this::connect);
      } catch (RejectedExecutionException e) {
        // The pool is closing or full: the next call tries again.
      }
    }
  }

  private void failed(String what, String reason) {
    skipUntilNanos = System.nanoTime() + RETRY_INTERVAL.toNanos();
    if (!failing) {
      failing = true;
      LOG.log(Level.WARNING, "the shared session store is unavailable ({0}: {1}); this server coordinates"
          + " refreshes and sign-outs on its own until it is back, and signs nobody out because of it",
          new Object[] {what, reason});
    }
  }

  private void recovered() {
    if (failing) {
      failing = false;
      LOG.log(Level.INFO, "the shared session store is available again");
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /**
   * Stops the pool and closes the cache manager (shutting down an embedded member it started); the
   * container's own manager stays open for its other applications.
   */
  @Override
  public void close() {
    Caches current = caches;
    caches = null;
    pool.shutdownNow();
    if (current != null && current.ownManager()) {
      try {
        current.manager().close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "closing the shared session store''s cache manager failed", e);
      }
    }
  }
}
