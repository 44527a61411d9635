package io.github.authkitservlet.internal.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the decisions need to know about one request, taken from it by an adapter: nothing here
 * depends on a servlet container.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param method the HTTP method as sent
 * @param path the path inside the application after normalisation ({@code ;} parameters, dot
 *     segments and percent-encoding resolved); empty when the address cannot be judged safely
 *     (encoded slashes, control characters, a {@code ..} above the root)
 * @param query the raw query string, or null
 * @param containerOrigin {@code scheme://host[:port]} of the request as the container resolved it
 *     (asked only by the decisions that build addresses)
 * @param headers the request's headers by name (case-insensitive), null when absent
 * @param sessionCookie the session cookie's value, or null when the browser sent none
 * @param servedByExtension whether the container serves this request by an extension mapping or
 *     its default servlet (asked only when an extension pattern matters)
 * @param protection who says whether the request needs a caller: the declaration's rules (the
 *     filter) or the container's security constraints (the Jakarta Authentication module)
 */
public record RequestFacts(String method, Optional<String> path, String query, Supplier<String> containerOrigin,
    UnaryOperator<String> headers, String sessionCookie, BooleanSupplier servedByExtension, Protection protection) {

  public RequestFacts {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(containerOrigin, "containerOrigin");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(servedByExtension, "servedByExtension");
    Objects.requireNonNull(protection, "protection");
  }

  /** {@code scheme://host[:port]} of the request as the container resolved it. */
  public String origin() {
    return containerOrigin.get();
  }

  /** A request header, or null. */
  public String header(String name) {
    return headers.apply(name);
  }

  /** What the {@code Authorization} header says about a bearer credential. */
  BearerHeader bearer() {
    return BearerHeader.of(header("Authorization"));
  }

  /** Whether this is a CORS preflight: OPTIONS with {@code Origin} and {@code Access-Control-Request-Method}. */
  public boolean isCorsPreflight() {
    return "OPTIONS".equals(method) && header("Origin") != null && header("Access-Control-Request-Method") != null;
  }
}
