package io.github.authkitservlet.sample.web;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * EL functions for the sample's JSP pages ({@code WEB-INF/html.tld}, prefix {@code h}).
 *
 * <p>Why: JSP's {@code ${...}} writes text unescaped, and names and emails come from users. JSTL's
 * {@code fn:escapeXml} would do, but Tomcat does not ship JSTL; one tiny function keeps the WAR the
 * same on Tomcat and on Payara.
 */
public final class Html {

  private Html() {}

  /**
   * Text for an HTML page: escaped; a collection is joined with ", "; null or empty becomes "(none)".
   */
  public static String text(Object value) {
    String text;
    if (value instanceof Collection<?> values) {
      text = values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    } else {
      text = value == null ? "" : value.toString();
    }
    return text.isEmpty() ? "(none)" : escape(text);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
