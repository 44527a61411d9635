package io.github.authkitservlet.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A small, self-contained HTML error page: the status, a short explanation and a link to try again.
 * Every piece of text is HTML-escaped, so text that came from the request (e.g. WorkOS's {@code
 * error_description}) cannot inject markup.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class ErrorPage {

  private ErrorPage() {}

  /**
   * Writes the page unless the response is already committed.
   *
   * @param tryAgainHref where "Try again" points (e.g. the login servlet's path); null for no link
   */
  public static void write(HttpServletResponse response, int status, String title, String detail, String tryAgainHref)
      throws IOException {
    HtmlPage.send(response, status, render(status, title, detail, tryAgainHref));
  }

  static String render(int status, String title, String detail, String tryAgainHref) {
    StringBuilder html = HtmlPage.start(status + " " + title);
    html.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(detail)).append("</p>\n");
    if (tryAgainHref != null) {
      html.append("<p><a id=\"try-again\" href=\"").append(escape(tryAgainHref)).append("\">Try again</a></p>\n");
    }
    html.append("<p><small>Error ").append(status).append("</small></p></body></html>\n");
    return html.toString();
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
