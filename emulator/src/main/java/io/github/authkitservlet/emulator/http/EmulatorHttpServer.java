package io.github.authkitservlet.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.control.ErrorHook;
import io.github.authkitservlet.emulator.control.ErrorHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK's HTTP server in front of a {@link Router}: reads bodies (with a size limit), applies
 * error hooks, counts requests, and turns every failure into a WorkOS-shaped answer. A bug in a
 * handler becomes a 500 {@code {"code":"server_error"}} with no stack trace in the body.
 */
public final class EmulatorHttpServer implements AutoCloseable {

  /** WorkOS rejects big bodies long before this; ours only needs room for small JSON/forms. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** How much of an oversized body is read and dropped before the 413, so the client gets to read it. */
  private static final long OVERSIZED_DRAIN_LIMIT = 16L * 1024 * 1024;

  /** Paths under this prefix are the test-control API: hooks never apply to them. */
  public static final String CONTROL_PREFIX = "/_emulate/";

  private static final Logger LOG = Logger.getLogger(EmulatorHttpServer.class.getName());

  private final HttpServer server;
  /** The same server on [::1] when bound to 127.0.0.1, so "localhost" works whichever way it resolves. */
  private HttpServer ipv6Loopback;
  private final ExecutorService executor;
  private final Router router;
  private final ErrorHooks hooks;
  private final Counters counters;

  /** The JDK's server property that turns Nagle's algorithm off on its connections. */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    // The JDK's HTTP server writes headers and body in separate segments; with Nagle on, a client
    // waiting for the body meets the peer's delayed ACK: about 40 ms on every call instead of a
    // few. Read once by the JDK when its first server starts; an explicit setting is kept.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  public EmulatorHttpServer(InetSocketAddress address, Router router, ErrorHooks hooks, Counters counters)
      throws IOException {
    this.router = router;
    this.hooks = hooks;
    this.counters = counters;
    this.server = HttpServer.create(address, 64);
    AtomicInteger threads = new AtomicInteger();
    // 16 workers, idle ones time out; more requests queue. Hooks with a delay park a worker, so
    // there are enough for several slow calls while the rest keep being served.
    this.executor = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "authkit-emulator-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
  }

  public void start() {
    server.start();
    InetSocketAddress bound = server.getAddress();
    if (bound.getAddress().getHostAddress().equals("127.0.0.1")) {
      try {
        ipv6Loopback = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), bound.getPort()), 64);
        ipv6Loopback.setExecutor(executor);
        ipv6Loopback.createContext("/", this::serve);
        ipv6Loopback.start();
      } catch (IOException e) {
        // Best effort: no IPv6 on this machine, or the port is taken there. 127.0.0.1 still works.
        LOG.log(Level.FINE, "not listening on [::1]", e);
        ipv6Loopback = null;
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    if (ipv6Loopback != null) {
      ipv6Loopback.stop(0);
    }
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      Response response;
      try {
        response = answer(exchange);
      } catch (ApiException e) {
        response = e.toResponse();
      } catch (RuntimeException e) {
        // Never leak internals to the client; the log has the cause for whoever runs the tests.
        LOG.log(Level.WARNING, "emulator handler failed for " + exchange.getRequestMethod() + " "
            + exchange.getRequestURI().getRawPath(), e);
        response = ApiException.api(500, "server_error", "The WorkOS emulator hit an internal error.").toResponse();
      }
      write(exchange, response);
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.FINE, "client went away", e);
    }
  }

  private Response answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    counters.increment("requests");
    if (!path.startsWith(CONTROL_PREFIX)) {
      Optional<ErrorHook> hook = hooks.take(method, path);
      if (hook.isPresent()) {
        Response injected = injected(hook.get());
        if (injected != null) {
          drain(exchange.getRequestBody());
          return injected;
        }
      }
    }
    byte[] body = readBody(exchange.getRequestBody());
    Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(), body, Map.of());
    return router.dispatch(request);
  }

  private static Response injected(ErrorHook hook) {
    if (!hook.delay().isZero()) {
      try {
        Thread.sleep(hook.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (hook.status() == 0) {
      return null;
    }
    String body = ErrorHooks.body(hook);
    return Response.text(hook.status(), "application/json", body);
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      // Read and drop what the client is still sending: answering and closing while it is in
      // mid-upload resets the connection, and the client may then lose the 413 it was sent.
      discard(in, OVERSIZED_DRAIN_LIMIT);
      throw ApiException.api(413, "payload_too_large",
          "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    return bytes;
  }

  private static void discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[8192];
    long read = 0;
    int n;
    while (read < limit && (n = in.read(buffer)) >= 0) {
      read += n;
    }
  }

  private static void drain(InputStream in) throws IOException {
    // Not skip(): the JDK's request stream does not bound skip() by Content-Length, so it would
    // block reading the connection. read() is bounded.
    in.readNBytes(MAX_BODY_BYTES);
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("X-WorkOS-Emulator", "true");
    boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    if (response.status() == 413) {
      // The rest of an oversized body is never read: tell the client this connection is done.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
    if (!noBody) {
      exchange.getResponseBody().write(response.body());
    }
  }
}
