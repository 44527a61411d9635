package io.github.authkitservlet.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Asks the user to confirm signing out, with a button that posts to the logout servlet. Shown
 * instead of signing out when the request came from another site, so that a link or form elsewhere
 * cannot sign users out; the user's own click posts from this page, same-origin.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class SignOutPage {

  private SignOutPage() {}

  /**
   * @param logoutAction the logout servlet's path, where the button posts
   * @param stayHref where "Stay signed in" leads (the application's root)
   */
  public static void write(HttpServletResponse response, String logoutAction, String stayHref) throws IOException {
    HtmlPage.send(response, HttpServletResponse.SC_OK, render(logoutAction, stayHref));
  }

  static String render(String logoutAction, String stayHref) {
    return HtmlPage.start("Sign out?")
        .append("<h1>Sign out?</h1>\n<p>Another site sent you here to sign you out of this application.</p>\n")
        .append("<form method=\"post\" action=\"").append(ErrorPage.escape(logoutAction)).append("\">")
        .append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form>\n")
        .append("<p><a id=\"stay\" href=\"").append(ErrorPage.escape(stayHref)).append("\">Stay signed in</a></p>")
        .append("</body></html>\n")
        .toString();
  }
}
