package io.github.authkitservlet.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated, immutable configuration shared by the filter and the servlets of one application
 * (see {@link Setting} for the names users type and {@link AuthKitConfigs} for how it is obtained).
 *
 * <p>{@link #toString()} masks the API key and the cookie passwords, so the object can be logged.
 *
 * <p>Internal API: public only because several packages of this library share it.
 *
 * @param apiKey WorkOS API key (secret)
 * @param clientId WorkOS client id
 * @param cookiePasswords the current cookie password first, then the previous ones (secrets)
 * @param apiBaseUrl WorkOS API origin, e.g. {@code https://api.workos.com} (no trailing slash)
 * @param cookieName name of the session cookie
 * @param cookieMaxAgeSeconds Max-Age of the session cookie
 * @param cookieDomain Domain attribute of the session cookie, if any
 * @param cookieSameSite SameSite attribute of the session cookie
 * @param cookieSecure when the cookie is Secure (made {@link CookieSecure#ALWAYS} when SameSite is None)
 * @param logoutReturnUri where WorkOS returns after logout (absolute URL or path); empty = app root
 * @param tokenIssuers the accepted {@code iss} values of access tokens
 * @param refreshBuffer refresh the access token when it expires within this duration
 * @param httpConnectTimeout connect timeout for calls to WorkOS
 * @param httpReadTimeout read timeout for calls to WorkOS
 * @param clockLeeway clock skew tolerated when checking token times
 * @param sessionCacheSize at most this many verified sessions are kept in memory (0: no cache)
 * @param tokenCacheSize at most this many verified bearer credentials are kept in memory (0: no
 *     cache for access tokens; API keys are always remembered, in at least 100 entries)
 * @param apiKeyCacheTtl how long a confirmed API key is accepted without asking WorkOS again
 * @param apiKeyValidationRate how many unknown API keys per second are validated at WorkOS
 * @param containerRoles what the container sees as the caller's roles
 * @param sessionStore where ended sessions and refreshes in flight are shared
 * @param jcacheProvider the JCache provider class, with {@link SessionStoreKind#JCACHE}
 * @param jcacheConfig the JCache provider's configuration URI, with {@link SessionStoreKind#JCACHE}
 * @param webhookSecret the secret WorkOS signs webhooks with (secret)
 * @param redirectUris every configured callback URL: one (an absolute URL or a path), or several
 *     absolute URLs on different origins, the first being {@link #redirectUri()}
 * @param logoutReturnUris absolute URLs a sign-out request may ask to return to
 * @param listeners class names of the application's listeners, in order
 */
public record AuthKitConfig(
    String apiKey,
    String clientId,
    List<String> cookiePasswords,
    URI apiBaseUrl,
    String cookieName,
    long cookieMaxAgeSeconds,
    Optional<String> cookieDomain,
    SameSite cookieSameSite,
    CookieSecure cookieSecure,
    Optional<String> logoutReturnUri,
    List<String> tokenIssuers,
    Duration refreshBuffer,
    Duration httpConnectTimeout,
    Duration httpReadTimeout,
    Duration clockLeeway,
    int sessionCacheSize,
    int tokenCacheSize,
    Duration apiKeyCacheTtl,
    int apiKeyValidationRate,
    Set<ContainerRoleSource> containerRoles,
    SessionStoreKind sessionStore,
    Optional<String> jcacheProvider,
    Optional<URI> jcacheConfig,
    Optional<String> webhookSecret,
    List<String> redirectUris,
    List<String> logoutReturnUris,
    List<String> listeners) {

  /** Copies the list and checks that nothing is null; validation of values is done by {@link #load}. */
  public AuthKitConfig {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(clientId, "clientId");
    cookiePasswords = List.copyOf(cookiePasswords);
    if (cookiePasswords.isEmpty()) {
      throw new IllegalArgumentException("at least one cookie password is required");
    }
    Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    Objects.requireNonNull(cookieName, "cookieName");
    Objects.requireNonNull(cookieDomain, "cookieDomain");
    Objects.requireNonNull(cookieSameSite, "cookieSameSite");
    Objects.requireNonNull(cookieSecure, "cookieSecure");
    if (cookieSameSite == SameSite.NONE) {
      // Browsers drop SameSite=None cookies that are not Secure, even on localhost.
      cookieSecure = CookieSecure.ALWAYS;
    }
    Objects.requireNonNull(logoutReturnUri, "logoutReturnUri");
    tokenIssuers = List.copyOf(tokenIssuers);
    Objects.requireNonNull(refreshBuffer, "refreshBuffer");
    Objects.requireNonNull(httpConnectTimeout, "httpConnectTimeout");
    Objects.requireNonNull(httpReadTimeout, "httpReadTimeout");
    Objects.requireNonNull(clockLeeway, "clockLeeway");
    if (sessionCacheSize < 0 || tokenCacheSize < 0) {
      throw new IllegalArgumentException("cache sizes must be >= 0");
    }
    Objects.requireNonNull(sessionStore, "sessionStore");
    Objects.requireNonNull(jcacheProvider, "jcacheProvider");
    Objects.requireNonNull(jcacheConfig, "jcacheConfig");
    Objects.requireNonNull(webhookSecret, "webhookSecret");
    Objects.requireNonNull(apiKeyCacheTtl, "apiKeyCacheTtl");
    if (apiKeyValidationRate < 1) {
      throw new IllegalArgumentException("apiKeyValidationRate must be >= 1");
    }
    containerRoles = Set.copyOf(containerRoles);
    redirectUris = List.copyOf(redirectUris);
    if (redirectUris.isEmpty()) {
      throw new IllegalArgumentException("at least one redirect URI is required");
    }
    logoutReturnUris = List.copyOf(logoutReturnUris);
    listeners = List.copyOf(listeners);
  }


  /**
   * Reads and validates every setting from {@code source}, applying defaults.
   *
   * @throws ConfigException naming the first invalid or missing setting and its environment variable
   */
  public static AuthKitConfig load(SettingSource source) throws ConfigException {
    return new ConfigLoader(source).load();
  }

  /** The password that seals new cookies. */
  public String currentCookiePassword() {
    return cookiePasswords.get(0);
  }

  /**
   * The callback URL: an absolute http(s) URL, or a path starting with one {@code /} that is
   * resolved against the request's origin (it is not prefixed with the context path); the first of
   * {@link #redirectUris()}.
   */
  public String redirectUri() {
    return redirectUris.get(0);
  }

  /** A waiting request gives a WorkOS call in flight its whole HTTP budget, plus a little. */
  public Duration inFlightWaitLimit() {
    return httpConnectTimeout.plus(httpReadTimeout).plusSeconds(1);
  }

  /** Whether the redirect URI is a path to resolve against the request's origin. */
  public boolean redirectUriIsPath() {
    return redirectUri().startsWith("/");
  }

  @Override
  public String toString() {
    return "AuthKitConfig[apiKey=" + mask(apiKey)
        + ", clientId=" + clientId
        + ", redirectUris=" + redirectUris
        + ", cookiePasswords=[" + cookiePasswords.size() + " masked]"
        + ", apiBaseUrl=" + apiBaseUrl
        + ", cookieName=" + cookieName
        + ", cookieMaxAgeSeconds=" + cookieMaxAgeSeconds
        + ", cookieDomain=" + cookieDomain.orElse("(host only)")
        + ", cookieSameSite=" + cookieSameSite
        + ", cookieSecure=" + cookieSecure
        + ", logoutReturnUri=" + logoutReturnUri.orElse("(application root)")
        + ", tokenIssuers=" + tokenIssuers
        + ", refreshBuffer=" + refreshBuffer
        + ", httpConnectTimeout=" + httpConnectTimeout
        + ", httpReadTimeout=" + httpReadTimeout
        + ", clockLeeway=" + clockLeeway
        + ", sessionCacheSize=" + sessionCacheSize
        + ", tokenCacheSize=" + tokenCacheSize
        + ", apiKeyCacheTtl=" + apiKeyCacheTtl
        + ", apiKeyValidationRate=" + apiKeyValidationRate
        + ", containerRoles=" + containerRoles
        + ", sessionStore=" + sessionStore
        + ", jcacheProvider=" + jcacheProvider.orElse("(default)")
        + ", jcacheConfig=" + jcacheConfig.map(URI::toString).orElse("(default)")
        + ", webhookSecret=" + (webhookSecret.isPresent() ? "****" : "(not set)")
        + ", logoutReturnUris=" + logoutReturnUris
        + ", listeners=" + listeners
        + "]";
  }

  // Shows only that a key is set and its kind (sk_test_ / sk_live_), never any of its secret part.
  private static String mask(String secret) {
    if (secret.startsWith("sk_test_")) {
      return "sk_test_****";
    }
    if (secret.startsWith("sk_live_")) {
      return "sk_live_****";
    }
    return "****";
  }
}
