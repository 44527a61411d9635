package io.github.authkitservlet.sample.signins;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sign-in of each user, in memory (a sample: a real application would write an audit
 * table), for at most {@link #MAX_USERS} users.
 */
public final class SignIns {

  static final int MAX_USERS = 1000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** One sign-in, and who created the listener that recorded it. */
  record Recorded(Instant at, String method, String organizationId, String state, String recordedBy) {}

  private static final Map<String, Recorded> LAST = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
      return size() > MAX_USERS;
    }
  };

  private SignIns() {}

  static synchronized void record(String userId, Recorded signIn) {
    LAST.put(userId, signIn);
  }

  /**
   * The user's last sign-in, as the dashboard says it (text, to be escaped), e.g. {@code 2026-12-03
   * 10:00:00 UTC with Password into org_01..., link state "header"}; empty when none was recorded.
   * An EL function ({@code h:lastSignIn}).
   */
  public static synchronized String lastSignIn(String userId) {
    Recorded last = userId == null ? null : LAST.get(userId);
    if (last == null) {
      return "";
    }
    return TIME.format(last.at()) + " with " + last.method()
        + (last.organizationId() == null ? "" : " into " + last.organizationId())
        + (last.state() == null ? "" : ", link state \"" + last.state() + "\"");
  }

  /** Who created the listener that recorded the user's last sign-in; empty when none was. An EL function. */
  public static synchronized String recordedBy(String userId) {
    Recorded last = userId == null ? null : LAST.get(userId);
    return last == null ? "" : last.recordedBy();
  }
}
