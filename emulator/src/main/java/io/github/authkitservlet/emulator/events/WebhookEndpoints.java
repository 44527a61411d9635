package io.github.authkitservlet.emulator.events;

import io.github.authkitservlet.emulator.data.Ids;
import io.github.authkitservlet.emulator.data.LoopbackUrl;
import io.github.authkitservlet.emulator.data.WebhookEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook endpoints events go to: the configured ones (seed, builder, {@code --webhook-url})
 * and those registered through {@code POST /webhook_endpoints}. {@link #reset()} keeps only the
 * configured ones. Every URL is a loopback URL: anything else is refused here.
 */
public final class WebhookEndpoints {

  /** Enough for any test; a runaway loop registering endpoints stops here. */
  static final int MAX_ENDPOINTS = 100;

  private final List<WebhookEndpoint> configured;
  private final Clock clock;
  private final List<WebhookEndpoint> endpoints = new ArrayList<>();

  public WebhookEndpoints(List<WebhookEndpoint> configured, Clock clock) {
    configured.forEach(e -> LoopbackUrl.require(e.url(), "webhook endpoint " + e.id()));
    this.configured = List.copyOf(configured);
    this.clock = clock;
    reset();
  }

  /**
   * Registers an endpoint with a new secret.
   *
   * @throws IllegalArgumentException for a URL off this machine, or when there are too many endpoints
   */
  public synchronized WebhookEndpoint register(String url, List<String> events) {
    LoopbackUrl.require(url, "endpoint_url");
    if (endpoints.size() >= MAX_ENDPOINTS) {
      throw new IllegalArgumentException("the WorkOS emulator keeps at most " + MAX_ENDPOINTS
          + " webhook endpoints; delete some first");
    }
    Instant now = clock.instant();
    WebhookEndpoint endpoint = new WebhookEndpoint(Ids.random("we", now), url, Ids.secret(), events, true, now, now);
    endpoints.add(endpoint);
    return endpoint;
  }

  public synchronized List<WebhookEndpoint> list() {
    return List.copyOf(endpoints);
  }

  public synchronized boolean remove(String id) {
    return endpoints.removeIf(e -> e.id().equals(id));
  }

  synchronized List<WebhookEndpoint> subscribedTo(String event) {
    return endpoints.stream().filter(e -> e.subscribesTo(event)).toList();
  }

  public synchronized void reset() {
    endpoints.clear();
    endpoints.addAll(configured);
  }
}
