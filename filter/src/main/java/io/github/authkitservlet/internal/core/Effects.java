package io.github.authkitservlet.internal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What a response carries besides its answer: whether caches must keep away
 * ({@code Cache-Control: no-store}, {@code Vary: Cookie}) and which cookies change.
 *
 * <p>Internal API of authkit-servlet.
 *
 * @param noStore whether the response is personal or touches a credential
 * @param cookies the cookie changes, in order
 */
public record Effects(boolean noStore, List<CookieChange> cookies) {

  private static final Effects NONE = new Effects(false, List.of());
  private static final Effects UNCACHEABLE = new Effects(true, List.of());

  public Effects {
    cookies = List.copyOf(cookies);
  }

  /** Nothing to add. */
  public static Effects none() {
    return NONE;
  }

  /** No cookie changes; kept out of caches. */
  public static Effects uncacheable() {
    return UNCACHEABLE;
  }

  /** These effects, kept out of caches. */
  Effects withNoStore() {
    return noStore ? this : new Effects(true, cookies);
  }

  /** These effects plus one more cookie change (which always makes the response uncacheable). */
  Effects with(CookieChange change) {
    List<CookieChange> more = new ArrayList<>(cookies);
    more.add(change);
    return new Effects(true, more);
  }
}
