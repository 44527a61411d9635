package io.github.authkitservlet.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The frame of the few HTML pages AuthKit answers with itself (errors, the sign-out confirmation):
 * one look, and headers that keep them out of caches, frames and content sniffing.
 */
final class HtmlPage {

  private HtmlPage() {}

  /** The document up to and including {@code <body>}, with an escaped {@code title}. */
  static StringBuilder start(String title) {
    return new StringBuilder(512)
        .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(ErrorPage.escape(title))
        .append("</title><style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em}</style>")
        .append("</head><body>");
  }

  /** Writes {@code html} with {@code status} unless the response is already committed. */
  static void send(HttpServletResponse response, int status, String html) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    NoStore.apply(response);
    response.setHeader("X-Content-Type-Options", "nosniff");
    // No scripts, no framing (a framed button could be clicked by a hidden overlay), forms to us only.
    response.setHeader("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    PrintWriter out = response.getWriter();
    out.write(html);
    out.flush();
  }
}
