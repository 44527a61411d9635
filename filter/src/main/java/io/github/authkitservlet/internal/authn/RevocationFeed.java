package io.github.authkitservlet.internal.authn;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.cache.Cache;

/**
 * How a revocation written by one server reaches the others' local views: each revocation is also
 * appended to a short-lived cache entry named after the second it was made in, and every server
 * reads the last few seconds' entries several times a second.
 *
 * <p>Why not cache-entry listeners: a JCache provider copies a listener's configuration (with its
 * class) to every member of the grid, and a container's grid (Payara's) cannot load an
 * application's classes, so each registration failed on the other members. Entries of plain
 * strings go anywhere, and a read of a handful of keys four times a second costs the grid nothing.
 * The per-request path never waits for it: it reads only the server's own view.
 */
final class RevocationFeed {

  /** How often each server reads the feed: a revocation reaches every server within about this. */
  static final Duration READ_INTERVAL = Duration.ofMillis(250);
  /**
   * Seconds read each time, back from now: covers clocks a few seconds apart between servers. A
   * server whose last read is older than this reads the whole revocation cache instead.
   */
  static final Duration WINDOW = Duration.ofSeconds(5);
  /** Feed entries expire after this; the revocations themselves live in their own cache. */
  static final Duration ENTRY_LIFETIME = Duration.ofSeconds(60);

  /** Session ids as WorkOS issues them; anything else stays out of the feed's line format. */
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final int APPEND_ATTEMPTS = 20;

  private RevocationFeed() {}

  /**
   * Appends {@code sessionId} (revoked until {@code untilMillis}) to the entry of the second
   * {@code nowMillis} falls in; compare-and-set, so servers appending at once all get in.
   *
   * @return whether it was appended (false for an id outside WorkOS's format, or endless contention)
   */
  static boolean append(Cache<String, String> feed, String sessionId, long untilMillis, long nowMillis) {
    if (!SESSION_ID.matcher(sessionId).matches()) {
      return false;
    }
    String key = keyOf(nowMillis / 1000);
    String line = sessionId + " " + untilMillis + "\n";
    for (int attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      String old = feed.get(key);
      boolean written = old == null ? feed.putIfAbsent(key, line) : feed.replace(key, old, old + line);
      if (written) {
        return true;
      }
    }
    return false;
  }

  /** The revocations appended within {@link #WINDOW} before {@code nowMillis} (and a second after). */
  static Map<String, Long> recent(Cache<String, String> feed, long nowMillis) {
    long second = nowMillis / 1000;
    Set<String> keys = new LinkedHashSet<>();
    for (long s = second - WINDOW.toSeconds(); s <= second + 1; s++) {
      keys.add(keyOf(s));
    }
    Map<String, Long> revoked = new LinkedHashMap<>();
    for (String lines : feed.getAll(keys).values()) {
      parse(lines, revoked);
    }
    return revoked;
  }

  private static void parse(String lines, Map<String, Long> into) {
    for (String line : lines.split("\n")) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        into.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Math::max);
      } catch (NumberFormatException e) {
        // Not written by this class: skip the line.
      }
    }
  }

  private static String keyOf(long epochSecond) {
    return "s" + epochSecond;
  }
}
