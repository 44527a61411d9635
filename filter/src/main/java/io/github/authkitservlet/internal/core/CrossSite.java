package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.web.Origins;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request was started by another site, so that a page elsewhere cannot make a signed-in
 * browser act here (sign out, switch organization) just by linking or posting to us.
 *
 * <p>Browsers say so in {@code Sec-Fetch-Site}; only {@code same-origin} and {@code none} (typed,
 * bookmarked) count as ours, since {@code same-site} includes sibling subdomains. Older browsers
 * send {@code Origin} (on POST) or {@code Referer}, which must then be the application's origin (or
 * the request's own, as the container resolved it). A request with none of the three (curl, a
 * privacy extension stripping Referer) is not treated as cross-site: it carries no sign of coming
 * from another site.
 */
final class CrossSite {

  private CrossSite() {}

  static boolean isCrossSite(RequestFacts request, Addresses addresses) {
    String fetchSite = request.header("Sec-Fetch-Site");
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      return !site.equals("same-origin") && !site.equals("none");
    }
    String origin = request.header("Origin");
    if (origin != null) {
      return !isOurs(Origins.of(origin.strip()), request, addresses);
    }
    String referer = request.header("Referer");
    if (referer != null) {
      return !isOurs(Origins.of(referer.strip()), request, addresses);
    }
    return false;
  }

  private static boolean isOurs(Optional<String> origin, RequestFacts request, Addresses addresses) {
    return origin.isPresent()
        && (origin.get().equals(request.origin()) || origin.get().equals(addresses.applicationOrigin(request.origin())));
  }
}
