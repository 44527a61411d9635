package io.github.authkitservlet.internal.session;

import jakarta.json.spi.JsonProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals and unseals the session cookie ({@code wos-session}).
 *
 * <p>Reads cookies written by the Java SDK, by WorkOS's Node SDK / authkit-nextjs ({@code ~2}
 * suffix, any password id) and by this class, under the current password or a previous one.
 * Writes what the Node SDK's {@code getSessionFromCookie} reads: camelCase JSON sealed under
 * password id {@code 1} with the current password, followed by {@code ~2}; so a Next.js front end
 * on the same domain can share the session.
 *
 * <p>Anything malformed, tampered, expired, foreign or of the wrong shape is "no session":
 * {@link #unseal} never throws. Thread-safe. Internal API: public only because several packages of
 * this library share it.
 */
public final class SessionCookieCodec {

  /** Browsers keep cookies up to about 4 KB; anything far larger is not ours. */
  static final int MAX_COOKIE_LENGTH = 16 * 1024;
  /** The id the Node SDK uses for a single password (iron-session's {@code {1: password}}). */
  static final String CURRENT_PASSWORD_ID = "1";

  private final Map<String, String> passwordsById;
  private final String currentPassword;
  private final Clock clock;
  private final IronSeal iron;
  private final SessionJson json;

  /**
   * @param passwords the current password first, then previous ones (each at least 32 characters)
   * @param clock the clock for seal expirations
   */
  public SessionCookieCodec(List<String> passwords, Clock clock) {
    this.passwordsById = passwordsById(passwords);
    this.currentPassword = passwords.get(0);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.iron = new IronSeal(clock, new SecureRandom());
    this.json = new SessionJson(new BoundedJson(JsonProvider.provider()));
  }

  /** The session in {@code cookieValue}, or empty for anything that is not a valid session of ours. */
  public Optional<SessionData> unseal(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > MAX_COOKIE_LENGTH) {
      return Optional.empty();
    }
    try {
      return json.read(iron.unseal(cookieValue, passwordsById, clock));
    } catch (IronException | RuntimeException e) {
      // A cookie is input from the browser: every failure means "no session", never an error page.
      return Optional.empty();
    }
  }

  /** Seals {@code session} for the Node SDK's reader: {@code Fe26.2*1*...~2}, no seal expiration. */
  public String seal(SessionData session) {
    Objects.requireNonNull(session, "session");
    // No iron TTL, like both SDKs: the cookie's Max-Age and the tokens bound the session's life.
    return iron.seal(json.write(session), CURRENT_PASSWORD_ID, currentPassword, Duration.ZERO)
        + IronSeal.NODE_VERSION_SUFFIX;
  }

  /** Ids "1", "2", ... in order: our configuration has no ids, the Node SDK's single password is "1". */
  static Map<String, String> passwordsById(List<String> passwords) {
    Objects.requireNonNull(passwords, "passwords");
    if (passwords.isEmpty()) {
      throw new IllegalArgumentException("at least one password is required");
    }
    Map<String, String> byId = new LinkedHashMap<>();
    for (int i = 0; i < passwords.size(); i++) {
      String password = Objects.requireNonNull(passwords.get(i), "password");
      if (password.length() < IronSeal.MIN_PASSWORD_LENGTH) {
        throw new IllegalArgumentException("passwords must be at least " + IronSeal.MIN_PASSWORD_LENGTH + " characters");
      }
      byId.put(Integer.toString(i + 1), password);
    }
    // Insertion order matters: after the seal's own id, passwords are tried in this order.
    return Collections.unmodifiableMap(byId);
  }
}
