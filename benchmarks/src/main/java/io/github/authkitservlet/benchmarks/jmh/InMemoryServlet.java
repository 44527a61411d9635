package io.github.authkitservlet.benchmarks.jmh;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest servlet objects the real {@code AuthKitFilter.doFilter} runs against, so the JMH
 * filter benchmarks measure the filter and not a container.
 *
 * <p>The request and response extend the Servlet API's wrappers around a proxy that throws for
 * every method: the few methods the filter's hot path calls are plain overrides (no reflection),
 * and anything else it might call fails loudly instead of answering something made up.
 */
final class InMemoryServlet {

  private InMemoryServlet() {}

  /**
   * A GET to {@code uri} in the root context, carrying the given cookies: a page navigation, or a
   * script's call with an {@code Authorization} header when one is given.
   */
  static final class Request extends HttpServletRequestWrapper {
    private static final HttpServletRequest UNSUPPORTED = unsupported(HttpServletRequest.class);
    /** The root context, as setting a cookie asks it for the application's context path. */
    private static final jakarta.servlet.ServletContext ROOT = context(Map.of());

    private final String uri;
    private final Cookie[] cookies;
    private final String authorization;
    private final Map<String, Object> attributes = new HashMap<>(8);

    Request(String uri, Cookie[] cookies) {
      this(uri, cookies, null);
    }

    Request(String uri, Cookie[] cookies, String authorization) {
      super(UNSUPPORTED);
      this.uri = uri;
      this.cookies = cookies;
      this.authorization = authorization;
    }

    @Override public String getMethod() { return "GET"; }
    @Override public String getRequestURI() { return uri; }
    @Override public String getContextPath() { return ""; }
    @Override public jakarta.servlet.ServletContext getServletContext() { return ROOT; }
    @Override public String getServletPath() { return uri; }
    @Override public String getPathInfo() { return null; }
    @Override public String getQueryString() { return null; }
    @Override public boolean isSecure() { return false; }
    @Override public String getScheme() { return "http"; }
    @Override public String getServerName() { return "localhost"; }
    @Override public int getServerPort() { return 8080; }
    @Override public Cookie[] getCookies() { return cookies; }
    @Override public String getHeader(String name) {
      if ("Authorization".equalsIgnoreCase(name)) {
        return authorization;
      }
      if ("Accept".equalsIgnoreCase(name)) {
        return authorization == null ? "text/html,application/xhtml+xml" : "application/json";
      }
      return null;
    }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
  }

  /** Records headers and status; never commits (nothing is written). */
  static final class Response extends HttpServletResponseWrapper {
    private static final HttpServletResponse UNSUPPORTED = unsupported(HttpServletResponse.class);

    private final Map<String, List<String>> headers = new HashMap<>(8);
    private int status = 200;

    Response() {
      super(UNSUPPORTED);
    }

    @Override public void setHeader(String name, String value) {
      List<String> values = new ArrayList<>(1);
      values.add(value);
      headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
    }
    @Override public void addHeader(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }
    @Override public String getHeader(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : values.get(0);
    }
    @Override public Collection<String> getHeaders(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }
    @Override public boolean containsHeader(String name) {
      return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }
    @Override public void setStatus(int sc) { status = sc; }
    @Override public int getStatus() { return status; }
    @Override public boolean isCommitted() { return false; }
  }

  /** A filter config named "AuthKit" without init-params, in {@code context}. */
  static FilterConfig filterConfig(ServletContext context) {
    return filterConfig(context, Map.of());
  }

  /** A filter config named "AuthKit" with these init-params, in {@code context}. */
  static FilterConfig filterConfig(ServletContext context, Map<String, String> initParams) {
    return new FilterConfig() {
      @Override public String getFilterName() { return "AuthKit"; }
      @Override public ServletContext getServletContext() { return context; }
      @Override public String getInitParameter(String name) { return initParams.get(name); }
      @Override public Enumeration<String> getInitParameterNames() { return Collections.enumeration(initParams.keySet()); }
    };
  }

  /**
   * A servlet context with these context-params, attributes, and no servlets registered (so the
   * filter redirects to its default {@code /login}).
   */
  static ServletContext context(Map<String, String> contextParams) {
    Map<String, Object> attributes = new ConcurrentHashMap<>();
    return (ServletContext) Proxy.newProxyInstance(InMemoryServlet.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getInitParameter" -> contextParams.get((String) args[0]);
          case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
          case "getAttribute" -> attributes.get((String) args[0]);
          case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
          case "setAttribute" -> {
            if (args[1] == null) {
              attributes.remove((String) args[0]);
            } else {
              attributes.put((String) args[0], args[1]);
            }
            yield null;
          }
          case "removeAttribute" -> attributes.remove((String) args[0]);
          case "getServletRegistrations" -> Map.of();
          case "getContextPath" -> "";
          case "getServletContextName" -> "benchmark";
          case "log" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "InMemoryServletContext";
          default -> throw new UnsupportedOperationException("ServletContext." + method.getName());
        });
  }

  private static <T> T unsupported(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(InMemoryServlet.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "unsupported " + type.getSimpleName();
          default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
        }));
  }
}
