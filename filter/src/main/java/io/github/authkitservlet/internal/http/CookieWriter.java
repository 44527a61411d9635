package io.github.authkitservlet.internal.http;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.CookieSecure;
import io.github.authkitservlet.internal.config.SameSite;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.web.Origins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Writes the exact {@code Set-Cookie} headers for the session cookie and the login-flow cookies.
 *
 * <p>Internal API of authkit-servlet. We write the header ourselves rather than through {@code
 * jakarta.servlet.http.Cookie} so every container produces the same line (SameSite included) and a
 * deletion repeats the attributes of the cookie it deletes (browsers only delete a cookie whose
 * Path and Domain match).
 */
public final class CookieWriter {

  private static final String EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT";

  private final String sessionCookieName;
  private final long sessionMaxAgeSeconds;
  private final String domain;
  private final SameSite sameSite;
  private final CookieSecure secure;
  private final Predicate<String> servedOverHttpsAt;

  /** Cookies for an application served over https exactly when its (first) redirect URI is https. */
  public CookieWriter(AuthKitConfig config) {
    this(config, origin -> config.redirectUri().regionMatches(true, 0, "https:", 0, 6));
  }

  /**
   * @param servedOverHttpsAt whether the application is served over https for a request on this
   *     origin (as the container resolved it): its redirect URI for that origin is https
   */
  public CookieWriter(AuthKitConfig config, Predicate<String> servedOverHttpsAt) {
    this.sessionCookieName = config.cookieName();
    this.sessionMaxAgeSeconds = config.cookieMaxAgeSeconds();
    this.domain = config.cookieDomain().orElse(null);
    this.sameSite = config.cookieSameSite();
    this.secure = config.cookieSecure(); // always Secure with SameSite=None: the configuration sees to it
    this.servedOverHttpsAt = Objects.requireNonNull(servedOverHttpsAt, "servedOverHttpsAt");
  }

  /** Sets the session cookie to {@code sealedValue} (whose size the caller checked). */
  public void setSession(HttpServletRequest request, HttpServletResponse response, String sealedValue) {
    response.addHeader("Set-Cookie", sessionHeader(request, sealedValue));
  }

  /** Deletes the session cookie (same Path, Domain, SameSite and Secure as when it was set). */
  public void clearSession(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", header(sessionCookieName, "", -1, domain, sameSite, isSecure(request), contextPath(request)));
  }

  /**
   * Sets a login-flow cookie: host-only, SameSite=Lax (it must survive the redirect back from
   * WorkOS), living as long as a flow may take.
   */
  public void setFlow(HttpServletRequest request, HttpServletResponse response, String name, String sealedValue) {
    response.addHeader("Set-Cookie",
        header(name, sealedValue, FlowStateCodec.TTL.toSeconds(), null, SameSite.LAX, isSecure(request), contextPath(request)));
  }

  /** Deletes a login-flow cookie. */
  public void clearFlow(HttpServletRequest request, HttpServletResponse response, String name) {
    response.addHeader("Set-Cookie", header(name, "", -1, null, SameSite.LAX, isSecure(request), contextPath(request)));
  }

  /** The header value that sets the session cookie. */
  String sessionHeader(HttpServletRequest request, String sealedValue) {
    return header(sessionCookieName, sealedValue, sessionMaxAgeSeconds, domain, sameSite, isSecure(request), contextPath(request));
  }

  /**
   * Whether cookies get the Secure attribute for this request. AUTO: when the application is
   * served over https, which the configuration says (the {@code workos.redirect-uri} chosen for the
   * request's origin is https) or the container says ({@code isSecure()}, true behind a proxy once RemoteIpValve or scheme mapping
   * resolved it). Never from the {@code Host} header: a proxy forwarding with {@code Host: 127.0.0.1}
   * must not turn Secure off. Plain http without either (local development) gets no Secure, since
   * browsers would not send such a cookie back over http.
   */
  boolean isSecure(HttpServletRequest request) {
    return switch (secure) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> request.isSecure()
          || servedOverHttpsAt.test(Origins.of(request.getScheme(), request.getServerName(), request.getServerPort()));
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
