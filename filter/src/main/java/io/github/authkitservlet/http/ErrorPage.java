package io.github.authkitservlet.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

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
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    NoStore.apply(response);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    PrintWriter out = response.getWriter();
    out.write(render(status, title, detail, tryAgainHref));
    out.flush();
  }

  static String render(int status, String title, String detail, String tryAgainHref) {
    StringBuilder html = new StringBuilder(512);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(status).append(' ').append(escape(title))
        .append("</title><style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em}</style>")
        .append("</head><body><h1>").append(escape(title)).append("</h1>\n<p>").append(escape(detail)).append("</p>\n");
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
