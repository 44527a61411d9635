package io.github.authkitservlet.benchmarks.load;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The small page every context serves: a few hundred bytes naming the signed-in user, if any. */
final class PageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String user = request.getRemoteUser();
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title></head>\n"
        + "<body><h1>A small protected page</h1>\n<p>Signed in as: <span id=\"user\">"
        + (user == null ? "nobody" : user) + "</span></p>\n"
        + "<p>Roughly the size of a small HTML fragment an application would render.</p>\n</body></html>\n";
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/html;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
