package io.github.authkitservlet.internal.core;

/**
 * The kinds of bearer credential a declaration may accept on its {@code api-paths}
 * ({@code bearer} init-param).
 *
 * <p>Internal API of authkit-servlet.
 */
public enum BearerKind {
  /** A WorkOS access token: a JWT, three dot-separated parts. */
  ACCESS_TOKEN,
  /** A customer's WorkOS API key ({@code sk_…}): anything that is not a JWT. */
  API_KEY
}
