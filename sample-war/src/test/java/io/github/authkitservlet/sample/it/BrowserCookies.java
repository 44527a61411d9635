package io.github.authkitservlet.sample.it;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cookie jar that sends cookies the way browsers do (RFC 6265: {@code name=value; name2=value2}).
 *
 * <p>{@link CookieManager} alone takes any cookie set with {@code Max-Age} and no {@code Expires} for an
 * RFC 2965 cookie and sends it back as {@code $Version="1"; name="value"; $Path="/sample"}. Tomcat 10.1
 * still unwraps that; Tomcat 11 no longer parses RFC 2109/2965 and reads the quotes as part of the
 * value, so the sealed flow cookie would no longer unseal. Browsers never send that form, so the tests
 * must not either. The jar keeps CookieManager's storage, expiry and domain/path matching.
 */
final class BrowserCookies extends CookieHandler {

  private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
    return jar.get(uri, requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    jar.put(uri, responseHeaders);
    // Version 0 is the Netscape/RFC 6265 form: sent as plain name=value, as a browser would.
    jar.getCookieStore().getCookies().forEach(cookie -> cookie.setVersion(0));
  }
}
