package io.github.authkitservlet.internal.core;

/**
 * Where a request remembers what was already worked out about it (request attributes, in a
 * container), so that several AuthKit declarations on one request check the session once.
 *
 * <p>Internal API of authkit-servlet.
 */
public interface RequestMemory {

  /** What was remembered under {@code key}, or null. */
  Object recall(String key);

  /** Remembers {@code value} under {@code key} for the rest of the request. */
  void remember(String key, Object value);
}
