package io.github.authkitservlet.internal.workos;

/**
 * An AuthKit authorization URL together with the secrets the callback needs to finish the flow.
 *
 * <p>Internal API of authkit-servlet. {@code state} and {@code codeVerifier} are secrets: they go
 * into the sealed flow cookie and nowhere else (never a log line).
 *
 * @param url where to send the browser
 * @param state the random state WorkOS will hand back to the callback
 * @param codeVerifier the PKCE verifier whose S256 challenge is in {@code url}
 */
public record AuthorizationRequest(String url, String state, String codeVerifier) {
  @Override
  public String toString() {
    return "AuthorizationRequest[url=<hidden>, state=<hidden>, codeVerifier=<hidden>]";
  }
}
