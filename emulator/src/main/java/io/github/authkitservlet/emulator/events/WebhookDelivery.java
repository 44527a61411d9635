package io.github.authkitservlet.emulator.events;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.WebhookEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends webhook requests on one daemon thread, so the request that caused an event never waits
 * for its delivery. A failed attempt (no 2xx answer) is retried {@link #RETRIES} times with
 * doubling delays; the outcome is counted as {@code webhook.delivered} or {@code webhook.failed}
 * (and each retry as {@code webhook.retried}). After a reset, deliveries queued before it are
 * dropped and those still in flight are no longer counted, so one test's events never show up in
 * the next test's counters.
 */
final class WebhookDelivery implements AutoCloseable {

  static final int RETRIES = 3;
  static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** Waiting deliveries beyond this are dropped as failed: a receiver that never answers cannot fill the heap. */
  private static final int MAX_PENDING = 10_000;

  private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());

  /** One attempt to deliver one event to one endpoint, due at {@code dueNanos} (System.nanoTime). */
  private record Attempt(WebhookEndpoint endpoint, String eventId, String body, int number, long generation,
      long dueNanos) implements Delayed {

    Attempt retryAfter(Duration delay) {
      return new Attempt(endpoint, eventId, body, number + 1, generation, System.nanoTime() + delay.toNanos());
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Attempt) other).dueNanos);
    }
  }

  private final Clock clock;
  private final Counters counters;
  private final DelayQueue<Attempt> queue = new DelayQueue<>();
  private final AtomicLong generation = new AtomicLong();
  private final Thread worker;
  private volatile boolean closed;
  /** Made on first use, by the worker thread only: an emulator without webhooks never starts an HTTP client. */
  private HttpClient http;

  WebhookDelivery(Clock clock, Counters counters) {
    this.clock = clock;
    this.counters = counters;
    this.worker = new Thread(this::run, "authkit-emulator-webhooks");
    worker.setDaemon(true);
    worker.start();
  }

  void enqueue(WebhookEndpoint endpoint, String eventId, String body) {
    if (closed) {
      return;
    }
    if (queue.size() >= MAX_PENDING) {
      counters.increment("webhook.failed");
      LOG.warning("webhook " + eventId + " dropped: " + MAX_PENDING + " deliveries are already waiting");
      return;
    }
    queue.add(new Attempt(endpoint, eventId, body, 1, generation.get(), System.nanoTime()));
  }

  void reset() {
    generation.incrementAndGet();
    queue.clear();
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }

  private void run() {
    while (!closed) {
      Attempt attempt;
      try {
        attempt = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (attempt.generation() == generation.get()) {
        try {
          deliver(attempt);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // A bug here must not kill the only delivery thread.
          LOG.log(Level.WARNING, "webhook delivery failed unexpectedly", e);
          count(attempt, "webhook.failed");
        }
      }
    }
  }

  private void deliver(Attempt attempt) throws InterruptedException {
    String failure = send(attempt);
    if (failure == null) {
      count(attempt, "webhook.delivered");
    } else if (attempt.number() <= RETRIES && !closed) {
      LOG.fine(() -> "webhook " + attempt.eventId() + " attempt " + attempt.number() + " failed: " + failure);
      count(attempt, "webhook.retried");
      queue.add(attempt.retryAfter(FIRST_RETRY_DELAY.multipliedBy(1L << (attempt.number() - 1))));
    } else {
      count(attempt, "webhook.failed");
      LOG.warning("webhook " + attempt.eventId() + " to " + attempt.endpoint().url() + " failed after "
          + attempt.number() + " attempts: " + failure);
    }
  }

  /** Null when the endpoint answered 2xx, else what went wrong. */
  private String send(Attempt attempt) throws InterruptedException {
    URI uri = URI.create(attempt.endpoint().url());
    if (!resolvesOnlyToLoopback(uri.getHost())) {
      return uri.getHost() + " does not resolve to loopback addresses only";
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        // Signed per attempt, so a retry carries a fresh timestamp inside the SDKs' tolerance.
        .header(WebhookSigner.HEADER, WebhookSigner.header(clock.millis(), attempt.body(), attempt.endpoint().secret()))
        .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
        .build();
    try {
      int status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }

  /** Registration only admits loopback hosts; this re-checks what "localhost" resolves to at sending time. */
  private static boolean resolvesOnlyToLoopback(String host) {
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] addresses = InetAddress.getAllByName(literal);
      return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder()
          // Straight to the loopback address: no proxy, and no redirect can lead anywhere else.
          .proxy(HttpClient.Builder.NO_PROXY)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();
    }
    return http;
  }

  private void count(Attempt attempt, String name) {
    if (attempt.generation() == generation.get()) {
      counters.increment(name);
    }
  }
}
