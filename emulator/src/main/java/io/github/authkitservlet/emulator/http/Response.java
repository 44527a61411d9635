package io.github.authkitservlet.emulator.http;

import jakarta.json.JsonStructure;
import jakarta.json.Json;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, headers and body bytes. */
public record Response(int status, Map<String, String> headers, byte[] body) {

  public Response {
    headers = Map.copyOf(headers);
  }

  public static Response json(int status, JsonStructure json) {
    StringWriter out = new StringWriter();
    try (var writer = Json.createWriter(out)) {
      writer.write(json);
    }
    return text(status, "application/json", out.toString());
  }

  public static Response html(int status, String html) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    // Pages are never framed and never cached: they hold a password form.
    headers.put("Cache-Control", "no-store");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'");
    headers.put("Referrer-Policy", "no-referrer");
    return new Response(status, headers, html.getBytes(StandardCharsets.UTF_8));
  }

  public static Response redirect(String location) {
    return new Response(302, Map.of("Location", location, "Cache-Control", "no-store"), new byte[0]);
  }

  public static Response text(int status, String contentType, String text) {
    String type = contentType.contains("charset") ? contentType : contentType + "; charset=utf-8";
    return new Response(status, Map.of("Content-Type", type, "Cache-Control", "no-store"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  /** The same answer with one more header (e.g. a {@code Set-Cookie}). */
  public Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, more, body);
  }

  public static Response noContent() {
    return new Response(204, Map.of(), new byte[0]);
  }
}
