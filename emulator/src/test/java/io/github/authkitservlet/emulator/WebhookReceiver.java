package io.github.authkitservlet.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint on 127.0.0.1 that records what it receives, the raw body and the
 * {@code WorkOS-Signature} header, as an application's webhook handler would read them. It can be
 * told to fail its first requests, or to answer slowly.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived. */
  record Delivery(String signature, String contentType, String body) { }

  private final HttpServer server;
  private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile Duration answerDelay = Duration.ZERO;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.createContext("/webhooks", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Delivery(exchange.getRequestHeaders().getFirst("WorkOS-Signature"),
            exchange.getRequestHeaders().getFirst("Content-Type"), body));
        if (!answerDelay.isZero()) {
          sleep(answerDelay);
        }
        int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : 200;
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
  }

  /** The next {@code times} requests are answered with {@code status}. */
  void failNext(int times, int status) {
    failureStatus = status;
    failuresLeft.set(times);
  }

  void answerAfter(Duration delay) {
    answerDelay = delay;
  }

  /** The next delivery, waiting at most {@code timeout}; fails the test when none comes. */
  Delivery next(Duration timeout) throws InterruptedException {
    Delivery delivery = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (delivery == null) {
      throw new AssertionError("no webhook arrived within " + timeout);
    }
    return delivery;
  }

  /** The next delivery of {@code event}, skipping others, waiting at most {@code timeout} in all. */
  Delivery next(String event, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Delivery delivery = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (delivery == null) {
        throw new AssertionError("no " + event + " webhook within " + timeout + "; got " + skipped);
      }
      if (delivery.body().contains("\"event\":\"" + event + "\"")) {
        return delivery;
      }
      skipped.add(delivery.body());
    }
  }

  /** Everything received so far that nobody has taken. */
  List<Delivery> drain() {
    List<Delivery> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
