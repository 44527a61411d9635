package io.github.authkitservlet.internal.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON answers for API/XHR requests ({@code 401 unauthenticated}, {@code 403 forbidden}, {@code
 * 503 unavailable}), written with JSON-B.
 *
 * <p>Internal API of authkit-servlet. One instance per application: a {@link Jsonb} is expensive
 * to create and thread-safe, so it is made once and reused.
 */
public final class JsonResponses implements AutoCloseable {

  private final Jsonb jsonb = JsonbBuilder.create();

  /**
   * Writes {@code {"error": code, "message": message}} with the given status, unless the response
   * is already committed.
   */
  public void error(HttpServletResponse response, int status, String code, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    write(response, status, body);
  }

  /** Writes any JSON-B serialisable value. */
  public void write(HttpServletResponse response, int status, Object body) throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    NoStore.apply(response);
    response.getWriter().write(jsonb.toJson(body));
    response.getWriter().flush();
  }

  /** Releases JSON-B's resources; a failure here is not worth more than a debug line. */
  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      Logger.getLogger(JsonResponses.class.getName()).log(Level.FINE, "closing JSON-B failed", e);
    }
  }
}
