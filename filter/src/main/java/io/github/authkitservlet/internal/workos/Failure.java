package io.github.authkitservlet.internal.workos;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed grant or session check: why, the code to show, and when to try again.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param reason what kind of failure
 * @param code what to show and log: the reason's code, with WorkOS's status
 *     ({@code workos_unavailable_503}) or WorkOS's own error code ({@code invalid_grant}) where
 *     that says more; always a short, harmless token
 * @param retryAfter what to tell the browser (from WorkOS's {@code Retry-After} when it gave one)
 * @param authkitRedirectUrl where WorkOS asks to send the user to finish what it needs (its
 *     {@code authkit_redirect_url}: an absolute http(s) URL), or null
 */
public record Failure(FailureReason reason, String code, Duration retryAfter, String authkitRedirectUrl) {

  /** When nobody says otherwise, come back after this long. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** A failure without a place to send the user. */
  public Failure(FailureReason reason, String code, Duration retryAfter) {
    this(reason, code, retryAfter, null);
  }

  /** A failure with the reason's own code and the default retry time. */
  public static Failure of(FailureReason reason) {
    return new Failure(reason, reason.code(), DEFAULT_RETRY_AFTER);
  }

  /** A failure with the reason's own code. */
  public static Failure of(FailureReason reason, Duration retryAfter) {
    return new Failure(reason, reason.code(), retryAfter);
  }

  /** Whether the user must sign in again. */
  public boolean isTerminal() {
    return reason.isTerminal();
  }

  /** Hides where WorkOS asked to send the user: such a URL may carry a pending authentication token. */
  @Override
  public String toString() {
    return "Failure[reason=" + reason + ", code=" + code + ", retryAfter=" + retryAfter
        + (authkitRedirectUrl == null ? "" : ", authkitRedirectUrl=<hidden>") + "]";
  }
}
