package io.github.authkitservlet.emulator.control;

import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;

/**
 * The test-control API under {@code /_emulate/}: error hooks, the clock, key rotation, reset and
 * counters. It is what {@code AuthKitEmulator}'s control methods do, over HTTP, for tests that
 * run the emulator in another process.
 */
public final class ControlApi {

  private final EmulatorClock clock;
  private final ErrorHooks hooks;
  private final Counters counters;
  private final Runnable rotateKey;
  private final Runnable reset;

  public ControlApi(EmulatorClock clock, ErrorHooks hooks, Counters counters, Runnable rotateKey, Runnable reset) {
    this.clock = clock;
    this.hooks = hooks;
    this.counters = counters;
    this.rotateKey = rotateKey;
    this.reset = reset;
  }

  public void register(Router router) {
    router.get("/_emulate/hooks", this::listHooks)
        .post("/_emulate/hooks", this::addHook)
        .delete("/_emulate/hooks", r -> {
          hooks.clear();
          return Response.noContent();
        })
        .delete("/_emulate/hooks/{id}", this::removeHook)
        .get("/_emulate/clock", r -> clockState())
        .post("/_emulate/clock/advance", this::advance)
        .post("/_emulate/keys/rotate", r -> {
          rotateKey.run();
          return Response.json(200, Json.createObjectBuilder().add("rotated", true).build());
        })
        .post("/_emulate/reset", r -> {
          reset.run();
          return Response.noContent();
        })
        .get("/_emulate/counters", r -> {
          JsonObjectBuilder b = Json.createObjectBuilder();
          counters.snapshot().forEach(b::add);
          return Response.json(200, b.build());
        })
        .get("/_emulate/counters/{name}", r -> Response.json(200, Json.createObjectBuilder()
            .add("name", r.pathParam("name")).add("count", counters.get(r.pathParam("name"))).build()));
  }

  /**
   * {@code POST /_emulate/hooks} in the official emulator's shape ({@code method}, {@code path},
   * {@code status}, {@code body}, {@code count}) plus {@code delay_ms}; {@code times} is accepted
   * as another name for {@code count}.
   */
  private Response addHook(Request r) {
    String path = r.param("path").orElse(null);
    String statusText = r.param("status").orElse(null);
    if (path == null || statusText == null) {
      throw ApiException.api(400, "bad_request", "path and status are required (method defaults to *).");
    }
    try {
      String count = r.param("count").or(() -> r.param("times")).orElse("0");
      ErrorHook hook = hooks.add(r.param("method").orElse("*"), path, Integer.parseInt(statusText),
          r.param("body").orElse(null), Integer.parseInt(count),
          Duration.ofMillis(Long.parseLong(r.param("delay_ms").orElse("0"))));
      return Response.json(201, hookJson(hook).build());
    } catch (NumberFormatException e) {
      throw ApiException.api(400, "bad_request", "status, count and delay_ms must be integers.");
    } catch (IllegalArgumentException e) {
      throw ApiException.api(400, "bad_request", e.getMessage());
    }
  }

  private Response removeHook(Request r) {
    if (!hooks.remove(r.pathParam("id"))) {
      throw ApiException.api(404, "not_found", "Hook not found");
    }
    return Response.noContent();
  }

  private Response listHooks(Request r) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    hooks.list().forEach(h -> list.add(hookJson(h)));
    return Response.json(200, list.build());
  }

  private static JsonObjectBuilder hookJson(ErrorHook h) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("id", h.id()).add("method", h.method()).add("path", h.path()).add("status", h.status());
    if (h.body() != null) {
      try (var reader = Json.createReader(new java.io.StringReader(h.body()))) {
        b.add("body", reader.readValue());
      } catch (jakarta.json.JsonException notJson) {
        b.add("body", h.body());
      }
    }
    if (h.count() > 0) {
      b.add("count", h.count());
    }
    return b.add("delay_ms", h.delay().toMillis());
  }

  private Response advance(Request r) {
    long seconds;
    try {
      seconds = Long.parseLong(r.param("seconds").orElseThrow(() -> ApiException.missingFields(List.of("seconds"))));
    } catch (NumberFormatException e) {
      throw ApiException.api(422, "invalid_request_parameters", "seconds must be an integer.");
    }
    if (seconds < 0 || seconds > 10L * 365 * 24 * 3600) {
      throw ApiException.api(422, "invalid_request_parameters", "seconds must be between 0 and ten years.");
    }
    clock.advance(Duration.ofSeconds(seconds));
    return clockState();
  }

  private Response clockState() {
    return Response.json(200, Json.createObjectBuilder()
        .add("now", clock.instant().toString())
        .add("offset_seconds", clock.offset().toSeconds())
        .build());
  }
}
