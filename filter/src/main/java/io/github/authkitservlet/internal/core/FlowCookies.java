package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.session.Digests;
import io.github.authkitservlet.internal.session.FlowState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Naming and housekeeping of the sign-in flow cookies.
 *
 * <p>One cookie per flow, named after a digest of its state, so several tabs can sign in at the
 * same time without overwriting each other's state, and the callback finds its flow by the state
 * WorkOS hands back. The name reveals nothing: the state itself stays sealed inside.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class FlowCookies {

  /** Every flow cookie's name starts so. */
  public static final String PREFIX = "wos-auth-flow-";
  /** Flows kept per browser; older ones are deleted when a new one starts. */
  static final int MAX_FLOWS = 3;

  private FlowCookies() {}

  /** The cookie name of the flow with this state. */
  static String nameFor(String state) {
    return PREFIX + HexFormat.of().formatHex(Digests.sha256(state), 0, 4);
  }

  /**
   * The names of the flow cookies to delete so that, with one new flow, at most {@link #MAX_FLOWS}
   * remain: unreadable ones first, then the oldest.
   *
   * @param existing the flow cookies the browser sent, name to value
   */
  static List<String> toPrune(Map<String, String> existing, Function<String, Optional<FlowState>> unseal) {
    record Flow(String name, FlowState state) {}
    List<String> prune = new ArrayList<>();
    List<Flow> readable = new ArrayList<>();
    existing.forEach((name, value) -> {
      Optional<FlowState> state = unseal.apply(value);
      if (state.isPresent()) {
        readable.add(new Flow(name, state.get()));
      } else {
        prune.add(name);
      }
    });
    readable.sort(Comparator.comparing((Flow f) -> f.state().createdAt()));
    int excess = readable.size() - (MAX_FLOWS - 1);
    for (int i = 0; i < excess; i++) {
      prune.add(readable.get(i).name());
    }
    return prune;
  }
}
