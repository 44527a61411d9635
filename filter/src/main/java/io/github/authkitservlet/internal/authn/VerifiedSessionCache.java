package io.github.authkitservlet.internal.authn;

import io.github.authkitservlet.internal.cache.DigestCache;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions whose cookie was already unsealed and whose access token was already verified, so a
 * browser's next requests with the same cookie skip the unseal, the JSON and the RS256 check.
 *
 * <p><b>Keys.</b> The SHA-256 of the cookie value ({@link DigestCache}), never the value itself:
 * a lookup costs one hash over the cookie (about a microsecond for a 2 KB cookie). A changed cookie
 * (refreshed, resealed, tampered) is simply a different key.
 *
 * <p><b>Validity.</b> An entry is served until its access token's expiry minus the refresh
 * buffer, the moment the uncached path would start refreshing; after that the request takes the
 * uncached path (and refreshes). So a refreshed session is never served stale, and a cookie is
 * never accepted longer than its own token would be. Logout {@linkplain #forget forgets} the
 * cookie at once.
 *
 * <p><b>Memory.</b> At most {@code maxEntries} entries (plus, briefly, one per request thread
 * inserting at that instant). An entry holds one verified session: the two tokens, the user and
 * the token's claims, about 3 to 5 KB for a typical WorkOS session (it is the unsealed content of
 * a cookie that browsers cap at 4 KB, as Java strings, plus the claims); the default 10000
 * entries of {@code workos.session-cache-size} therefore stay below about 50 MB. When full, expired entries go
 * first, then a random eighth (an evicted session only costs its next request an unseal and a
 * signature check). Thread-safe; lookups take no lock.
 */
final class VerifiedSessionCache {

  private final DigestCache<ResolvedSession> entries;

  /**
   * @param clock judges validity (the authenticator's clock, so tests can move it)
   * @param maxEntries the bound; 0 disables the cache
   */
  VerifiedSessionCache(Clock clock, int maxEntries) {
    this.entries = new DigestCache<>(clock, maxEntries);
  }

  /** The verified session for this exact cookie value, while it is still valid. */
  Optional<ResolvedSession> find(String cookieValue) {
    return entries.find(cookieValue);
  }

  /** Remembers a verified session for this cookie value until {@code validUntil} (exclusive). */
  void remember(String cookieValue, ResolvedSession session, Instant validUntil) {
    entries.remember(cookieValue, session, validUntil);
  }

  /** Drops the entry of this cookie value (logout). */
  void forget(String cookieValue) {
    entries.forget(cookieValue);
  }

  /** How many entries are held now (for tests and monitoring). */
  int size() {
    return entries.size();
  }
}
