package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.workos.Failure;

/** What one refresh attempt (ours or one we waited for) came to. */
sealed interface RefreshResult {

  /** New tokens, verified and sealed. */
  record Refreshed(RefreshedSession session) implements RefreshResult {}

  /** No new tokens; {@link Failure#isTerminal()} says whether the user must sign in again. */
  record Failed(Failure failure) implements RefreshResult {}
}
