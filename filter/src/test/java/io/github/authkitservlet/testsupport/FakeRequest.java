package io.github.authkitservlet.testsupport;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HttpServletRequest for unit tests of pure helpers (no container involved). */
public final class FakeRequest {

  private String method = "GET";
  private String scheme = "http";
  private String serverName = "localhost";
  private int serverPort = 80;
  private boolean secure;
  private String contextPath = "";
  private String rawContextPath;
  private final Map<String, String> headers = new HashMap<>();

  public static FakeRequest get() {
    return new FakeRequest();
  }

  public FakeRequest method(String value) {
    method = value;
    return this;
  }

  public FakeRequest host(String value) {
    serverName = value;
    return this;
  }

  public FakeRequest origin(String scheme, String host, int port) {
    this.scheme = scheme;
    this.serverName = host;
    this.serverPort = port;
    this.secure = scheme.equals("https");
    return this;
  }

  public FakeRequest secure(boolean value) {
    secure = value;
    return this;
  }

  public FakeRequest contextPath(String value) {
    contextPath = value;
    return this;
  }

  /** The context path as the client spelt it ({@code getContextPath()}); by default the application's. */
  public FakeRequest rawContextPath(String value) {
    rawContextPath = value;
    return this;
  }

  public FakeRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public HttpServletRequest build() {
    return (HttpServletRequest) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getScheme" -> scheme;
          case "getServerName" -> serverName;
          case "getServerPort" -> serverPort;
          case "isSecure" -> secure;
          case "getContextPath" -> rawContextPath == null ? contextPath : rawContextPath;
          case "getServletContext" -> servletContext();
          case "getHeader" -> headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
          case "toString" -> "FakeRequest[" + method + "]";
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  private ServletContext servletContext() {
    return (ServletContext) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ServletContext.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getContextPath" -> contextPath;
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }
}
