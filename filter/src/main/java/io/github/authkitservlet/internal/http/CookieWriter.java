package io.github.authkitservlet.internal.http;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.CookieSecure;
import io.github.authkitservlet.internal.config.SameSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes the exact {@code Set-Cookie} headers for the session cookie and the login-flow cookies.
 *
 * <p>Internal API of authkit-servlet. We write the header ourselves rather than through {@code
 * jakarta.servlet.http.Cookie} so every container produces the same line (SameSite included) and a
 * deletion repeats the attributes of the cookie it deletes (browsers only delete a cookie whose
 * Path and Domain match).
 */
public final class CookieWriter {

  /**
   * Browsers keep at most 4096 bytes of name plus value; we stop a little earlier so the
   * attributes and a proxy's own cookies still fit.
   */
  public static final int MAX_COOKIE_BYTES = 4000;

  /** How long a login flow may take before its cookie is gone (DESIGN.md §6.1). */
  public static final Duration FLOW_COOKIE_MAX_AGE = Duration.ofSeconds(600);

  private static final String EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT";

  private final String sessionCookieName;
  private final long sessionMaxAgeSeconds;
  private final String domain;
  private final SameSite sameSite;
  private final CookieSecure secure;
  private final boolean servedOverHttps;

  public CookieWriter(AuthKitConfig config) {
    this.sessionCookieName = config.cookieName();
    this.sessionMaxAgeSeconds = config.cookieMaxAgeSeconds();
    this.domain = config.cookieDomain().orElse(null);
    this.sameSite = config.cookieSameSite();
    this.secure = config.cookieSameSite() == SameSite.NONE ? CookieSecure.ALWAYS : config.cookieSecure();
    this.servedOverHttps = config.redirectUri().regionMatches(true, 0, "https:", 0, 6);
  }

  /** The name of the session cookie. */
  public String sessionCookieName() {
    return sessionCookieName;
  }

  /** Sets the session cookie to {@code sealedValue}. */
  public void setSession(HttpServletRequest request, HttpServletResponse response, String sealedValue)
      throws CookieTooLargeException {
    response.addHeader("Set-Cookie", sessionHeader(request, sealedValue));
  }

  /** Deletes the session cookie (same Path, Domain, SameSite and Secure as when it was set). */
  public void clearSession(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", header(sessionCookieName, "", -1, domain, sameSite, isSecure(request), contextPath(request)));
  }

  /** Sets a login-flow cookie: host-only, SameSite=Lax (it must survive the redirect back from WorkOS), 600 s. */
  public void setFlow(HttpServletRequest request, HttpServletResponse response, String name, String sealedValue)
      throws CookieTooLargeException {
    checkSize(name, sealedValue);
    response.addHeader("Set-Cookie",
        header(name, sealedValue, FLOW_COOKIE_MAX_AGE.toSeconds(), null, SameSite.LAX, isSecure(request), contextPath(request)));
  }

  /** Deletes a login-flow cookie. */
  public void clearFlow(HttpServletRequest request, HttpServletResponse response, String name) {
    response.addHeader("Set-Cookie", header(name, "", -1, null, SameSite.LAX, isSecure(request), contextPath(request)));
  }

  /** The header value that sets the session cookie; exposed for tests and size checks. */
  String sessionHeader(HttpServletRequest request, String sealedValue) throws CookieTooLargeException {
    checkSize(sessionCookieName, sealedValue);
    return header(sessionCookieName, sealedValue, sessionMaxAgeSeconds, domain, sameSite, isSecure(request), contextPath(request));
  }

  /**
   * Whether cookies get the Secure attribute for this request. AUTO: when the application is
   * served over https, which the configuration says ({@code workos.redirect-uri} is https) or the
   * container says ({@code isSecure()}, true behind a proxy once RemoteIpValve or scheme mapping
   * resolved it). Never from the {@code Host} header: a proxy forwarding with {@code Host: 127.0.0.1}
   * must not turn Secure off. Plain http without either (local development) gets no Secure, since
   * browsers would not send such a cookie back over http.
   */
  boolean isSecure(HttpServletRequest request) {
    return switch (secure) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> servedOverHttps || request.isSecure();
    };
  }

  /**
   * The cookie Path: the application's own context path (not the request's spelling of it), or "/"
   * for the root application.
   */
  static String contextPath(HttpServletRequest request) {
    String path = request.getServletContext().getContextPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static void checkSize(String name, String value) throws CookieTooLargeException {
    int size = name.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_COOKIE_BYTES) {
      throw new CookieTooLargeException(name, size, MAX_COOKIE_BYTES);
    }
  }

  /** maxAgeSeconds below zero means "delete". */
  static String header(String name, String value, long maxAgeSeconds, String domain, SameSite sameSite,
      boolean secure, String path) {
    Objects.requireNonNull(name, "name");
    StringBuilder header = new StringBuilder(name.length() + value.length() + 128);
    header.append(name).append('=').append(value);
    if (maxAgeSeconds < 0) {
      header.append("; Max-Age=0; Expires=").append(EXPIRED);
    } else {
      header.append("; Max-Age=").append(maxAgeSeconds);
    }
    header.append("; Path=").append(path);
    if (domain != null) {
      header.append("; Domain=").append(domain);
    }
    if (secure) {
      header.append("; Secure");
    }
    header.append("; HttpOnly; SameSite=").append(sameSite.attributeValue());
    return header.toString();
  }
}
