package io.github.authkitservlet.internal.authn;

import java.util.Objects;

/** The outcome of one successful refresh grant, shared by every request that waited for it. */
record RefreshedSession(ResolvedSession session, String sealedCookie) {
  RefreshedSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(sealedCookie, "sealedCookie");
  }
}
