package io.github.authkitservlet.emulator.data;

import java.time.Instant;
import java.util.List;

/**
 * Where events are delivered, signed with {@code secret}. {@code events} lists the event names
 * it subscribes to; empty means every event (the official emulator's seed convention). A disabled
 * endpoint is kept but gets nothing.
 */
public record WebhookEndpoint(String id, String url, String secret, List<String> events, boolean enabled,
    Instant createdAt, Instant updatedAt) {

  public WebhookEndpoint {
    events = List.copyOf(events);
  }

  public boolean subscribesTo(String event) {
    return enabled && (events.isEmpty() || events.contains(event));
  }
}
