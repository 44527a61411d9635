package io.github.authkitservlet.internal.workos;

/**
 * Optional hints passed on to AuthKit's hosted page; any of them may be null.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param screenHint {@code sign-up} or {@code sign-in}
 * @param loginHint an email address to pre-fill
 * @param organizationId the organization to sign in to
 * @param prompt e.g. {@code login} or {@code consent}
 */
public record AuthorizationOptions(
    String screenHint, String loginHint, String organizationId, String prompt) {

  /** No hints at all. */
  public static AuthorizationOptions none() {
    return new AuthorizationOptions(null, null, null, null);
  }
}
