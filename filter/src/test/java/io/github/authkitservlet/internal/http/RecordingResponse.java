package io.github.authkitservlet.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what a helper writes to an HttpServletResponse (status, headers, body). */
final class RecordingResponse {

  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final StringWriter body = new StringWriter();
  private final PrintWriter writer = new PrintWriter(body);
  private int status = 200;
  private String contentType;

  HttpServletResponse proxy() {
    return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
          case "addHeader" -> {
            headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
            yield null;
          }
          case "setHeader" -> {
            headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
            yield null;
          }
          case "getHeaders" -> headers.getOrDefault((String) args[0], List.of());
          case "setStatus" -> {
            status = (Integer) args[0];
            yield null;
          }
          case "setContentType" -> {
            contentType = (String) args[0];
            yield null;
          }
          case "isCommitted" -> false;
          case "resetBuffer" -> null;
          case "getWriter" -> writer;
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  String body() {
    writer.flush();
    return body.toString();
  }
}
