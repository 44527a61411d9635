package io.github.authkitservlet.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every configuration setting of authkit-servlet, with the names users type.
 *
 * <p>One rule maps every setting: web.xml {@code <context-param>} (or a filter/servlet
 * {@code <init-param>}) {@code workos.x-y} ⇔ Java system property {@code workos.x-y} ⇔ environment
 * variable {@code WORKOS_X_Y}. The precedence is init-param, context-param, system property,
 * environment variable, default.
 *
 * <p>Internal API: public only because several packages of this library share it; not part of the
 * supported surface except for the key names, which are documented in the README.
 */
public enum Setting {
  /** WorkOS API key ({@code sk_...}). Required, secret. */
  API_KEY("workos.api-key", null, true),
  /** WorkOS client id ({@code client_...}). Required. */
  CLIENT_ID("workos.client-id", null, false),
  /**
   * Callback URL: absolute http(s) URL, or a path (such as {@code /callback}) resolved against the
   * request's origin. Several absolute URLs (separated by commas) serve several host
   * names: a request uses the one on its origin, else the first. Required.
   */
  REDIRECT_URI("workos.redirect-uri", null, false),
  /** Password that seals the session cookie, at least 32 characters. Required, secret. */
  COOKIE_PASSWORD("workos.cookie-password", null, true),
  /** Comma-separated older cookie passwords still accepted when reading, for rotation. Secret. */
  COOKIE_PASSWORD_PREVIOUS("workos.cookie-password-previous", null, true),
  /** Host name of the WorkOS API. */
  API_HOSTNAME("workos.api-hostname", "api.workos.com", false),
  /** Port of the WorkOS API; defaults to 443 with https and 80 without. */
  API_PORT("workos.api-port", null, false),
  /** Whether the WorkOS API is reached over https; {@code false} is allowed only for a loopback host. */
  API_HTTPS("workos.api-https", "true", false),
  /** Name of the session cookie (the same default as authkit-nextjs). */
  COOKIE_NAME("workos.cookie-name", "wos-session", false),
  /** Max-Age of the session cookie in seconds (default 400 days). */
  COOKIE_MAX_AGE("workos.cookie-max-age", "34560000", false),
  /** Domain attribute of the session cookie; none by default (host-only cookie). */
  COOKIE_DOMAIN("workos.cookie-domain", null, false),
  /** SameSite attribute of the session cookie: lax, strict or none (none forces Secure). */
  COOKIE_SAMESITE("workos.cookie-samesite", "lax", false),
  /** Secure attribute of the session cookie: auto (Secure when the redirect URI is https or the container reports a secure request), always, never. */
  COOKIE_SECURE("workos.cookie-secure", "auto", false),
  /**
   * The accepted {@code iss} values of access tokens, comma-separated; by default WorkOS's issuer
   * for this client ({@code <api base URL>/user_management/<client id>}) and the API base URL itself.
   * Add your WorkOS custom authentication domain here if you use one.
   */
  TOKEN_ISSUER("workos.token-issuer", null, false),
  /** Where WorkOS sends the browser after logout: absolute http(s) URL or a path; the application root by default. */
  LOGOUT_RETURN_URI("workos.logout-return-uri", null, false),
  /**
   * Absolute URLs a sign-out may return to when the request asks ({@code /logout?returnTo=…}),
   * separated by commas; paths inside the application need no listing.
   */
  LOGOUT_RETURN_URIS("workos.logout-return-uris", null, false),
  /** Refresh the access token when it expires within this many seconds. */
  REFRESH_BUFFER("workos.refresh-buffer", "60", false),
  /** Connect timeout for calls to WorkOS, in milliseconds. */
  HTTP_CONNECT_TIMEOUT("workos.http-connect-timeout", "3000", false),
  /** Read timeout for calls to WorkOS, in milliseconds. */
  HTTP_READ_TIMEOUT("workos.http-read-timeout", "10000", false),
  /** Clock skew tolerated when checking token times, in seconds. */
  CLOCK_LEEWAY("workos.clock-leeway", "30", false),
  /**
   * How many verified sessions are kept in memory, so that a browser's repeated requests with the
   * same cookie skip the unseal and the signature check (0 turns the cache off). Each entry holds
   * one unsealed session (tokens, user, claims): about 5 KB, so the default 10000 entries stay
   * below about 50 MB per application. Size it to the number of users active within one
   * access-token lifetime (5 minutes at WorkOS); a session that does not fit only costs its next
   * request the uncached path.
   */
  SESSION_CACHE_SIZE("workos.session-cache-size", "10000", false),
  /**
   * How many verified bearer credentials (access tokens until they expire, API keys for
   * {@link #API_KEY_CACHE_TTL}, unknown API keys briefly) are kept in memory, so that a client
   * repeating one costs a hash and a lookup; about 1 KB each.
   */
  TOKEN_CACHE_SIZE("workos.token-cache-size", "10000", false),
  /**
   * How long, in seconds, a customer's API key that WorkOS confirmed is accepted without asking
   * WorkOS again: a key revoked at WorkOS keeps working here at most this long.
   */
  API_KEY_CACHE_TTL("workos.api-key-cache-ttl", "60", false),
  /**
   * How many API keys this server does not know yet it asks WorkOS about per second; beyond that,
   * requests with new keys get 503 (someone guessing keys cannot spend the WorkOS rate limit that
   * sign-in and refresh need).
   */
  API_KEY_VALIDATION_RATE("workos.api-key-validation-rate", "10", false),
  /**
   * What the servlet container sees as the caller's roles ({@code isUserInRole},
   * {@code <auth-constraint>}, {@code @RolesAllowed}): {@code roles} (WorkOS role slugs such as
   * {@code admin}), {@code permissions} (each WorkOS permission as {@code permission:<slug>}, such as
   * {@code permission:reports:read}), or both, comma-separated.
   */
  CONTAINER_ROLES("workos.container-roles", "roles,permissions", false),
  /**
   * Where ended sessions and refreshes in flight are shared: {@code memory} (one server) or
   * {@code jcache} (several servers, through a JCache provider such as Hazelcast or Payara's data
   * grid).
   */
  SESSION_STORE("workos.session-store", "memory", false),
  /** The JCache provider class to use with {@code jcache}; by default the one on the class path. */
  JCACHE_PROVIDER("workos.jcache-provider", null, false),
  /** The JCache provider's configuration, as a URI it understands (e.g. {@code classpath:hazelcast.xml}). */
  JCACHE_CONFIG("workos.jcache-config", null, false),
  /** The secret WorkOS signs webhooks with (the webhook servlet needs it). Secret. */
  WEBHOOK_SECRET("workos.webhook-secret", null, true),
  /**
   * Class names of the application's {@code io.github.authkitservlet.AuthKitListener}s (public, with
   * a public no-argument constructor), separated by commas.
   */
  LISTENERS("workos.listeners", null, false);

  /** Prefix shared by every setting key. */
  public static final String PREFIX = "workos.";

  private final String key;
  private final String envVar;
  private final String defaultValue;
  private final boolean secret;

  Setting(String key, String defaultValue, boolean secret) {
    this.key = key;
    this.envVar = envVarFor(key);
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  /** The key used in web.xml and as system property, e.g. {@code workos.api-key}. */
  public String key() {
    return key;
  }

  /** The environment variable, e.g. {@code WORKOS_API_KEY}. */
  public String envVar() {
    return envVar;
  }

  /** The default value as text, empty when the setting is required or has no (or a computed) default. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** Whether the value is a secret that must never appear in a log line or message. */
  public boolean isSecret() {
    return secret;
  }

  /** How messages name the setting: {@code workos.api-key (env WORKOS_API_KEY)}. */
  public String describe() {
    return key + " (env " + envVar + ")";
  }

  /** The setting with this key, if any. */
  public static Optional<Setting> forKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }

  /** All keys, comma separated, for "known: ..." parts of error messages. */
  public static String knownKeys() {
    return Arrays.stream(values()).map(Setting::key).collect(Collectors.joining(", "));
  }

  /** The mapping rule: {@code workos.cookie-max-age} → {@code WORKOS_COOKIE_MAX_AGE}. */
  static String envVarFor(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
