package io.github.authkitservlet.internal.authn;

import java.time.Duration;

/** What one refresh attempt (ours or one we waited for) came to. */
sealed interface RefreshResult {

  /** New tokens, verified and sealed. */
  record Refreshed(RefreshedSession session) implements RefreshResult {}

  /** WorkOS refused the refresh token for good: the user must sign in again. */
  record Refused(String reason) implements RefreshResult {}

  /** No answer now (WorkOS down, slow, rate limiting): keep the cookie and try again later. */
  record Postponed(String reason, Duration retryAfter) implements RefreshResult {}
}
