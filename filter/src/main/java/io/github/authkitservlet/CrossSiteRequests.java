package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request was started by another site, so that a page elsewhere cannot make a signed-in
 * browser act here (sign out, switch organization) just by linking or posting to us.
 *
 * <p>Browsers say so in {@code Sec-Fetch-Site}; only {@code same-origin} and {@code none} (typed,
 * bookmarked) count as ours, since {@code same-site} includes sibling subdomains. Older browsers
 * send {@code Origin} (on POST) or {@code Referer}, which must then be the application's origin.
 * A request with none of the three (curl, a privacy extension stripping Referer) is not
 * treated as cross-site: it carries no sign of coming from another site.
 */
final class CrossSiteRequests {

  private CrossSiteRequests() {}

  static boolean isCrossSite(HttpServletRequest request, AuthKitConfig config) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      return !site.equals("same-origin") && !site.equals("none");
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      return !isOurs(Urls.originOf(origin.strip()), request, config);
    }
    String referer = request.getHeader("Referer");
    if (referer != null) {
      return !isOurs(Urls.originOf(referer.strip()), request, config);
    }
    return false;
  }

  private static boolean isOurs(Optional<String> origin, HttpServletRequest request, AuthKitConfig config) {
    return origin.isPresent()
        && (origin.get().equals(Urls.origin(request)) || origin.get().equals(Urls.applicationOrigin(request, config)));
  }
}
