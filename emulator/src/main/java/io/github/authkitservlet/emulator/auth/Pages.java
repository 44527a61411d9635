package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Organization;
import java.util.List;
import java.util.Map;

/**
 * The hosted AuthKit pages: plain, accessible HTML (labels, one form, stable element ids for
 * browser tests), every value escaped, and a banner saying this is not the real WorkOS.
 */
final class Pages {

  static final String AUTHORIZE_ACTION = "/user_management/authorize";
  static final String ORGANIZATION_ACTION = "/user_management/authorize/organization";

  private Pages() {
  }

  static String signIn(AuthorizeRequest request, String email, String message) {
    boolean signUp = request.signUp();
    String title = signUp ? "Sign up" : "Sign in";
    StringBuilder form = new StringBuilder();
    form.append("<form method=\"post\" action=\"").append(AUTHORIZE_ACTION).append("\">\n");
    hidden(form, request.hiddenFields());
    if (signUp) {
      field(form, "first_name", "First name", "text", "", "given-name");
      field(form, "last_name", "Last name", "text", "", "family-name");
    }
    field(form, "email", "Email", "email", email == null ? "" : email, "email");
    field(form, "password", "Password", "password", "", signUp ? "new-password" : "current-password");
    String id = signUp ? "sign-up" : "sign-in";
    form.append("<p><button type=\"submit\" id=\"").append(id).append("\" name=\"action\" value=\"")
        .append(id).append("\">").append(title).append("</button>\n")
        .append("<button type=\"submit\" id=\"cancel\" name=\"action\" value=\"cancel\">Cancel</button></p>\n")
        .append("</form>\n");
    return page(title, message, form.toString());
  }

  static String organizationPicker(String ticket, List<Organization> organizations, String message) {
    StringBuilder form = new StringBuilder();
    form.append("<form method=\"post\" action=\"").append(ORGANIZATION_ACTION).append("\">\n");
    hidden(form, Map.of("ticket", ticket));
    form.append("<fieldset><legend>Choose an organization</legend>\n");
    boolean first = true;
    for (Organization org : organizations) {
      String id = "org-" + escape(org.id());
      form.append("<p><input type=\"radio\" name=\"organization_id\" id=\"").append(id)
          .append("\" value=\"").append(escape(org.id())).append('"').append(first ? " checked" : "")
          .append("> <label for=\"").append(id).append("\">").append(escape(org.name())).append("</label></p>\n");
      first = false;
    }
    form.append("</fieldset>\n<p><button type=\"submit\" id=\"continue\">Continue</button></p>\n</form>\n");
    return page("Choose an organization", message, form.toString());
  }

  /** A page that only says something, e.g. that a link has expired. */
  static String notice(String title, String message) {
    return page(title, message, "");
  }

  static String error(String message) {
    return page("Sign-in request rejected", message,
        "<p>The application sent an authorization request the WorkOS emulator cannot accept. "
            + "No redirect was made.</p>\n");
  }

  private static void hidden(StringBuilder form, Map<String, String> fields) {
    fields.forEach((k, v) -> form.append("<input type=\"hidden\" name=\"").append(escape(k))
        .append("\" value=\"").append(escape(v)).append("\">\n"));
  }

  private static void field(StringBuilder form, String name, String label, String type, String value,
      String autocomplete) {
    form.append("<p><label for=\"").append(name).append("\">").append(label).append("</label><br>\n")
        .append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"").append(type)
        .append("\" value=\"").append(escape(value)).append("\" autocomplete=\"").append(autocomplete)
        .append("\"></p>\n");
  }

  private static String page(String title, String message, String body) {
    String alert = message == null ? ""
        : "<p role=\"alert\" id=\"error\" style=\"color:#a00\">" + escape(message) + "</p>\n";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + " · WorkOS emulator</title>\n</head>\n"
        + "<body style=\"font-family:sans-serif;max-width:28rem;margin:2rem auto\">\n"
        + "<p id=\"emulator-banner\" style=\"background:#fe3;padding:.5rem\"><strong>WorkOS emulator — "
        + "not the real WorkOS.</strong> For tests and local development only.</p>\n"
        + "<main>\n<h1>" + escape(title) + "</h1>\n" + alert + body + "</main>\n</body>\n</html>\n";
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
