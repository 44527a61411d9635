package io.github.authkitservlet.internal.core;

/**
 * Who says whether a request needs a caller: the declaration's own rules (the filter's
 * {@code public-paths}), or the servlet container, whose {@code <security-constraint>}s a Jakarta
 * Authentication module is told about ({@code jakarta.security.auth.message.MessagePolicy.isMandatory}).
 *
 * <p>Internal API of authkit-servlet.
 */
public enum Protection {
  /** The declaration's rules decide (the filter). */
  RULES,
  /** The container requires an authenticated caller here (an {@code <auth-constraint>} covers it). */
  CONTAINER_REQUIRED,
  /** The container does not: a caller is established when there is one, never required. */
  CONTAINER_OPTIONAL
}
