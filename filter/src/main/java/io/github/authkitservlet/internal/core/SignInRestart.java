package io.github.authkitservlet.internal.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one automatic new start of a sign-in whose callback arrived without its flow: no
 * {@code state}, or no flow cookie for it (a dashboard impersonation sent straight to the redirect
 * URI, a link used twice, a sign-in started on another host name or more than ten minutes ago).
 * Such a callback is never accepted, since its code could be anyone's (login CSRF); the browser is
 * sent to the sign-in servlet instead, which starts a flow of its own.
 *
 * <p>Only once in a row: a flow started that way carries a mark in its OAuth {@code state}, which
 * WorkOS hands back, so a second callback without its flow (a browser that keeps no cookies) ends
 * on an error page instead of going round. The mark is not a secret; an attacker who adds it to a
 * link only gets that error page sooner.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SignInRestart {

  /** Query parameter of the sign-in servlet saying "this sign-in starts again after a lost flow". */
  public static final String PARAM = "restarted";
  /** Begins the state of a restarted flow; random states are base64url, which has no '.'. */
  private static final String MARK = "r.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SignInRestart() {}

  /** A fresh OAuth state: 32 random bytes, base64url, marked when the sign-in is a restart. */
  static String newState(boolean restarted) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String random = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return restarted ? MARK + random : random;
  }

  /** Whether the state WorkOS handed back belongs to a restarted sign-in. */
  static boolean wasRestarted(String state) {
    return state != null && state.startsWith(MARK);
  }

  /** Where the callback sends a browser whose sign-in lost its flow. */
  static String href(Site site) {
    return site.loginHref() + "?" + PARAM + "=1";
  }
}
