package io.github.authkitservlet.emulator.events;

import io.github.authkitservlet.emulator.data.WebhookEndpoint;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.ApiKeyCheck;
import io.github.authkitservlet.emulator.http.JsonShapes;
import io.github.authkitservlet.emulator.http.ListPage;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * WorkOS's {@code /webhook_endpoints} API, with the application's API key: create (the answer is
 * the only place the full secret appears), list and delete. Only loopback URLs are accepted.
 */
public final class WebhookEndpointsApi {

  private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){1,4}");
  private static final int MAX_EVENTS = 100;

  private final WebhookEndpoints endpoints;
  private final Predicate<String> isApiKey;

  public WebhookEndpointsApi(WebhookEndpoints endpoints, Predicate<String> isApiKey) {
    this.endpoints = endpoints;
    this.isApiKey = isApiKey;
  }

  public void register(Router router) {
    router.post("/webhook_endpoints", this::create)
        .get("/webhook_endpoints", this::list)
        .delete("/webhook_endpoints/{id}", this::delete);
  }

  /** {@code POST /webhook_endpoints} with {@code endpoint_url} and {@code events}, as WorkOS requires both. */
  private Response create(Request r) {
    ApiKeyCheck.require(r, isApiKey);
    String url = r.param("endpoint_url").orElse(null);
    List<String> events = r.stringList("events").orElse(null);
    List<String> missing = new ArrayList<>();
    if (url == null) {
      missing.add("endpoint_url");
    }
    if (events == null) {
      missing.add("events");
    }
    if (!missing.isEmpty()) {
      throw ApiException.missingFields(missing);
    }
    if (events.isEmpty() || events.size() > MAX_EVENTS
        || events.stream().anyMatch(e -> e.length() > 100 || !EVENT_NAME.matcher(e).matches())) {
      throw ApiException.api(422, "invalid_request_parameters",
          "events must list 1 to " + MAX_EVENTS + " event names such as \"session.revoked\".");
    }
    try {
      return Response.json(201, json(endpoints.register(url, List.copyOf(events)), true));
    } catch (IllegalArgumentException refused) {
      throw ApiException.api(422, "invalid_request_parameters", refused.getMessage() + ".");
    }
  }

  private Response list(Request r) {
    ApiKeyCheck.require(r, isApiKey);
    return Response.json(200, ListPage.of(r, endpoints.list().stream()
        .map(e -> new ListPage.Item(e.id(), e.createdAt(), json(e, false)))
        .toList()));
  }

  private Response delete(Request r) {
    ApiKeyCheck.require(r, isApiKey);
    if (!endpoints.remove(r.pathParam("id"))) {
      throw ApiException.notFound("Webhook endpoint not found.");
    }
    return Response.noContent();
  }

  /**
   * The {@code webhook_endpoint} object. After creation the secret is masked to its first eight
   * characters, as the official emulator does it: keep the one from the create answer.
   */
  private static JsonObject json(WebhookEndpoint e, boolean withSecret) {
    var events = Json.createArrayBuilder();
    e.events().forEach(events::add);
    String secret = withSecret ? e.secret() : e.secret().substring(0, Math.min(8, e.secret().length())) + "****";
    return Json.createObjectBuilder()
        .add("object", "webhook_endpoint")
        .add("id", e.id())
        .add("endpoint_url", e.url())
        .add("secret", secret)
        .add("status", e.enabled() ? "enabled" : "disabled")
        .add("events", events)
        .add("created_at", JsonShapes.timestamp(e.createdAt()))
        .add("updated_at", JsonShapes.timestamp(e.updatedAt()))
        .build();
  }
}
