package io.github.authkitservlet.internal.config;

/**
 * Where ended sessions and refreshes in flight are kept ({@code workos.session-store}).
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public enum SessionStoreKind {
  /** In this server's memory: one server. */
  MEMORY,
  /** In a JCache (JSR-107) provider shared by several servers. */
  JCACHE
}
