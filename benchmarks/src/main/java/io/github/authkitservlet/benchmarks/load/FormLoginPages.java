package io.github.authkitservlet.benchmarks.load;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The login and error pages of the FORM-authentication context (Tomcat forwards to them). */
final class FormLoginPages extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/html;charset=UTF-8");
    if (request.getServletPath().startsWith("/error")) {
      response.getWriter().write("<!DOCTYPE html><html><body><p id=\"error\">Sign-in failed.</p></body></html>");
      return;
    }
    response.getWriter().write("<!DOCTYPE html><html><body><form method=\"post\" action=\"j_security_check\">"
        + "<input name=\"j_username\"><input name=\"j_password\" type=\"password\"><button>Sign in</button>"
        + "</form></body></html>");
  }
}
