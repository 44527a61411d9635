package io.github.authkitservlet.emulator.http;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a WorkOS list: {@code limit} (1 to 100, default 10), {@code order} by creation time
 * ({@code desc}, newest first, by default), the {@code before} / {@code after} cursors (object ids),
 * and the envelope {@code {"object":"list","data":[…],"list_metadata":{"before":…,"after":…}}}
 * whose cursors are null at either end of the list.
 */
public final class ListPage {

  /** One listed object: its id and creation time (for order and cursors) and its JSON. */
  public record Item(String id, Instant createdAt, JsonObject json) { }

  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 100;

  private ListPage() {
  }

  /** The page of {@code items} that the request's {@code limit}, {@code order}, {@code before} and {@code after} ask for. */
  public static JsonObject of(Request r, List<Item> items) {
    int limit = limit(r);
    boolean ascending = ascending(r);
    // Creation time, then id, so objects created in the same millisecond still have one order.
    Comparator<Item> byCreation = Comparator.comparing(Item::createdAt).thenComparing(Item::id);
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(ascending ? byCreation : byCreation.reversed());

    int from = 0;
    int to = Math.min(sorted.size(), limit);
    String after = r.query("after").orElse(null);
    String before = r.query("before").orElse(null);
    if (after != null) {
      from = indexOf(sorted, after) + 1;
      to = Math.min(sorted.size(), from + limit);
    } else if (before != null) {
      int cursor = indexOf(sorted, before);
      to = cursor < 0 ? Math.min(sorted.size(), limit) : cursor;
      from = Math.max(0, to - limit);
    }
    List<Item> page = sorted.subList(from, Math.max(from, to));

    JsonArrayBuilder data = Json.createArrayBuilder();
    page.forEach(i -> data.add(i.json()));
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    JsonShapes.nullable(metadata, "before", !page.isEmpty() && from > 0 ? page.get(0).id() : null);
    JsonShapes.nullable(metadata, "after",
        !page.isEmpty() && from + page.size() < sorted.size() ? page.get(page.size() - 1).id() : null);
    return Json.createObjectBuilder()
        .add("object", "list")
        .add("data", data)
        .add("list_metadata", metadata)
        .build();
  }

  /** Where the cursor object stands; -1 when it is not in the list (then the cursor is ignored). */
  private static int indexOf(List<Item> items, String id) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static int limit(Request r) {
    String text = r.query("limit").orElse(null);
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.api(422, "invalid_request_parameters", "limit must be a number between 1 and 100.");
  }

  private static boolean ascending(Request r) {
    String order = r.query("order").orElse("desc");
    return switch (order) {
      case "asc" -> true;
      case "desc" -> false;
      default -> throw ApiException.api(422, "invalid_request_parameters", "order must be \"asc\" or \"desc\".");
    };
  }
}
