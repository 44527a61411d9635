package io.github.authkitservlet.internal.session;

/**
 * The WorkOS admin who is impersonating the signed-in user.
 *
 * @param email the admin's email
 * @param reason why they impersonate (may be null)
 */
public record Impersonator(String email, String reason) {}
