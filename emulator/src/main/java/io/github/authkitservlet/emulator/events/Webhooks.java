package io.github.authkitservlet.emulator.events;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Ids;
import io.github.authkitservlet.emulator.data.WebhookEndpoint;
import io.github.authkitservlet.emulator.http.JsonShapes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns something that happened into a WorkOS event and queues it for every endpoint subscribed
 * to it. The body is WorkOS's event object: {@code object}, {@code id} ({@code event_…}),
 * {@code event}, {@code data}, {@code created_at}, {@code context}.
 */
public final class Webhooks implements AutoCloseable {

  private final WebhookEndpoints endpoints;
  private final Clock clock;
  private final WebhookDelivery delivery;

  public Webhooks(WebhookEndpoints endpoints, Clock clock, Counters counters) {
    this.endpoints = endpoints;
    this.clock = clock;
    this.delivery = new WebhookDelivery(clock, counters);
  }

  /** Queues the event for delivery and returns at once: the caller never waits for a receiver. */
  public void publish(String event, JsonObject data) {
    List<WebhookEndpoint> targets = endpoints.subscribedTo(event);
    if (targets.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    String id = Ids.random("event", now);
    String body = Json.createObjectBuilder()
        .add("object", "event")
        .add("id", id)
        .add("event", event)
        .add("data", data)
        .add("created_at", JsonShapes.timestamp(now))
        .add("context", Json.createObjectBuilder())
        .build()
        .toString();
    targets.forEach(endpoint -> delivery.enqueue(endpoint, id, body));
  }

  /** Back to the configured endpoints; deliveries not yet made are dropped. */
  public void reset() {
    delivery.reset();
    endpoints.reset();
  }

  @Override
  public void close() {
    delivery.close();
  }
}
