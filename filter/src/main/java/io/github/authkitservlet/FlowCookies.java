package io.github.authkitservlet;

import io.github.authkitservlet.internal.session.FlowState;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Naming and housekeeping of the login-flow cookies.
 *
 * <p>One cookie per flow, named after a digest of its state, so several tabs can sign in at the
 * same time without overwriting each other's state, and the callback finds its flow by the state
 * WorkOS hands back. The name reveals nothing: the state itself stays sealed inside.
 */
final class FlowCookies {

  static final String PREFIX = "wos-auth-flow-";
  /** Flows kept per browser; older ones are deleted when a new one starts. */
  static final int MAX_FLOWS = 3;

  private FlowCookies() {}

  /** The cookie name of the flow with this state. */
  static String nameFor(String state) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The flow cookies the browser sent. */
  static List<Cookie> present(HttpServletRequest request) {
    List<Cookie> flows = new ArrayList<>();
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().startsWith(PREFIX)) {
          flows.add(cookie);
        }
      }
    }
    return flows;
  }

  /** The value of the cookie named {@code name}, if the browser sent it. */
  static Optional<String> value(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals(name)) {
          return Optional.of(cookie.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The names of the flow cookies to delete so that, with one new flow, at most {@link
   * #MAX_FLOWS} remain: unreadable ones first, then the oldest.
   */
  static List<String> toPrune(List<Cookie> existing, java.util.function.Function<String, Optional<FlowState>> unseal) {
    record Flow(String name, FlowState state) {}
    List<String> prune = new ArrayList<>();
    List<Flow> readable = new ArrayList<>();
    for (Cookie cookie : existing) {
      Optional<FlowState> state = unseal.apply(cookie.getValue());
      if (state.isPresent()) {
        readable.add(new Flow(cookie.getName(), state.get()));
      } else {
        prune.add(cookie.getName());
      }
    }
    readable.sort(Comparator.comparing((Flow f) -> f.state().createdAt()));
    int excess = readable.size() - (MAX_FLOWS - 1);
    for (int i = 0; i < excess; i++) {
      prune.add(readable.get(i).name());
    }
    return prune;
  }
}
