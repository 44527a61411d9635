package io.github.authkitservlet;

import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * Hears of sign-ins, refreshes and sign-outs: to record them, keep a user table in step, or refuse a
 * sign-in the application does not want.
 *
 * <p>Register an implementation (public, with a public no-argument constructor) by class name in
 * the setting {@code workos.listeners} (a {@code <context-param>}, like every setting; several are
 * separated by commas). Where CDI is present (Payara, or any container with a CDI implementation),
 * CDI beans of this type are used as well, with their injections; a class that is both listed and a
 * bean is used once, as the bean. Listeners are called in that order, on the request's thread.
 *
 * <p>Only {@link #signedIn} can change anything: when it throws, the sign-in fails with a 403 page,
 * no session cookie is set and the new WorkOS session is ended. Whatever the other two throw is
 * logged and ignored. AuthKit logs the listener's class and its exception; it never passes tokens
 * in an event other than through {@link AuthKitPrincipal#getAccessToken()}, which should not be
 * logged either.
 */
public interface AuthKitListener {

  /**
   * A user signed in, after WorkOS issued the session and before its cookie is set.
   *
   * @throws Exception to refuse the sign-in
   */
  default void signedIn(SignIn signIn) throws Exception {}

  /**
   * A request met an access token that was due, and a refresh was tried: it succeeded, failed for a
   * passing reason (the user stays signed in), or was refused (the user is signed out). An
   * organization switch is a refresh too. Concurrent requests that share one refresh each report
   * it.
   */
  default void refreshed(Refresh refresh) {}

  /** A session ended: the user signed out through the logout servlet. */
  default void signedOut(SignOut signOut) {}

  /**
   * A sign-in.
   *
   * @param user the user who signed in, as requests will see them
   * @param authenticationMethod how, as WorkOS says ({@code Password}, {@code GoogleOAuth},
   *     {@code Impersonation}, ...), or null
   * @param state what the sign-in link carried in its {@code state} parameter
   *     ({@code /login?state=…}), or null: it travelled sealed, never through the browser in clear
   * @param request the callback request
   */
  record SignIn(AuthKitPrincipal user, String authenticationMethod, String state, HttpServletRequest request) {
    public SignIn {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(request, "request");
    }

    /** The organization signed in to, or null. */
    public String organizationId() {
      return user.getOrganizationId();
    }

    /** The WorkOS admin impersonating the user, or null. */
    public Impersonator impersonator() {
      return user.getImpersonator();
    }
  }

  /**
   * What became of a refresh.
   *
   * @param outcome succeeded, failed for now, or signed the user out
   * @param user the user as this request is served: with the new session, or the current one while
   *     WorkOS is unavailable; null when the request is not served as anyone
   * @param failureCode why it failed ({@code invalid_grant}, {@code workos_unavailable_503}, ...), or
   *     null when it succeeded
   * @param request the request that carried the refresh out
   */
  record Refresh(Outcome outcome, AuthKitPrincipal user, String failureCode, HttpServletRequest request) {
    public Refresh {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(request, "request");
    }
  }

  /** What became of a refresh. */
  enum Outcome {
    /** New tokens: the session goes on, with what WorkOS now says about the user. */
    SUCCEEDED,
    /** WorkOS could not be asked just now (down, slow, rate limiting); the user stays signed in. */
    FAILED_TEMPORARILY,
    /** WorkOS refused (the session was revoked or expired, ...): the user is signed out. */
    SIGNED_OUT
  }

  /**
   * A sign-out.
   *
   * @param userId the WorkOS user id, or null when the cookie held no user
   * @param sessionId the WorkOS session id that ended
   * @param request the sign-out request
   */
  record SignOut(String userId, String sessionId, HttpServletRequest request) {
    public SignOut {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(request, "request");
    }
  }
}
