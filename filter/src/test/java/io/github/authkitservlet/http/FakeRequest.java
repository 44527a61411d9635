package io.github.authkitservlet.http;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HttpServletRequest for unit tests of pure helpers (no container involved). */
final class FakeRequest {

  private String method = "GET";
  private String serverName = "localhost";
  private boolean secure;
  private String contextPath = "";
  private final Map<String, String> headers = new HashMap<>();

  static FakeRequest get() {
    return new FakeRequest();
  }

  FakeRequest method(String value) {
    method = value;
    return this;
  }

  FakeRequest host(String value) {
    serverName = value;
    return this;
  }

  FakeRequest secure(boolean value) {
    secure = value;
    return this;
  }

  FakeRequest contextPath(String value) {
    contextPath = value;
    return this;
  }

  FakeRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  HttpServletRequest build() {
    return (HttpServletRequest) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getServerName" -> serverName;
          case "isSecure" -> secure;
          case "getContextPath" -> contextPath;
          case "getHeader" -> headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
          case "toString" -> "FakeRequest[" + method + "]";
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }
}
