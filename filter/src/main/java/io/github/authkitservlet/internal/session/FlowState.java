package io.github.authkitservlet.internal.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One sign-in in progress, kept in a short-lived sealed cookie between the login servlet and the
 * callback.
 *
 * <p>Internal API: public only because several packages of this library share it.
 *
 * @param state the random OAuth state sent to WorkOS
 * @param codeVerifier the PKCE code verifier (secret)
 * @param returnPath where to go after sign-in (already sanitised)
 * @param createdAt when the flow started
 * @param customState what the application asked to carry through the sign-in ({@code /login?state=…}),
 *     or null; handed to its sign-in listeners and never shown to anyone
 */
public record FlowState(String state, String codeVerifier, String returnPath, Instant createdAt, String customState) {

  /** All fields but {@code customState} are required. */
  public FlowState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(returnPath, "returnPath");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A flow that carries no state of the application's. */
  public FlowState(String state, String codeVerifier, String returnPath, Instant createdAt) {
    this(state, codeVerifier, returnPath, createdAt, null);
  }

  /** Hides the code verifier and the application's state. */
  @Override
  public String toString() {
    return "FlowState[returnPath=" + returnPath + ", createdAt=" + createdAt
        + (customState == null ? "" : ", customState=<hidden>") + "]";
  }
}
