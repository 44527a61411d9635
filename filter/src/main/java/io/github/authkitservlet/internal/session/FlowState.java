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
 */
public record FlowState(String state, String codeVerifier, String returnPath, Instant createdAt) {

  /** All fields are required. */
  public FlowState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(returnPath, "returnPath");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Hides the code verifier. */
  @Override
  public String toString() {
    return "FlowState[returnPath=" + returnPath + ", createdAt=" + createdAt + "]";
  }
}
