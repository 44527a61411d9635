package io.github.authkitservlet.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AuthKitConfigTest {

  static final String API_KEY = "sk_test_a1b2c3d4e5f6SECRET";
  static final String PASSWORD = "the-current-cookie-password-0123456789";
  static final String PREVIOUS = "the-previous-cookie-password-987654321";

  static Map<String, String> required() {
    Map<String, String> values = new HashMap<>();
    values.put("workos.api-key", API_KEY);
    values.put("workos.client-id", "client_123");
    values.put("workos.redirect-uri", "/callback");
    values.put("workos.cookie-password", PASSWORD);
    return values;
  }

  static Map<String, String> with(String key, String value) {
    Map<String, String> values = required();
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
    return values;
  }

  static AuthKitConfig load(Map<String, String> values) throws ConfigException {
    return AuthKitConfig.load(SettingSource.of(values));
  }

  @Test
  void appliesTheDocumentedDefaults() throws Exception {
    AuthKitConfig config = load(required());
    assertEquals(API_KEY, config.apiKey());
    assertEquals("client_123", config.clientId());
    assertEquals("/callback", config.redirectUri());
    assertTrue(config.redirectUriIsPath());
    assertEquals(List.of(PASSWORD), config.cookiePasswords());
    assertEquals(PASSWORD, config.currentCookiePassword());
    assertEquals(URI.create("https://api.workos.com"), config.apiBaseUrl());
    assertEquals("wos-session", config.cookieName());
    assertEquals(34_560_000L, config.cookieMaxAgeSeconds());
    assertEquals(Optional.empty(), config.cookieDomain());
    assertEquals(SameSite.LAX, config.cookieSameSite());
    assertEquals(CookieSecure.AUTO, config.cookieSecure());
    assertEquals(Optional.empty(), config.logoutReturnUri());
    assertEquals(Duration.ofSeconds(60), config.refreshBuffer());
    assertEquals(Duration.ofMillis(3000), config.httpConnectTimeout());
    assertEquals(Duration.ofMillis(10000), config.httpReadTimeout());
    assertEquals(Duration.ofSeconds(30), config.clockLeeway());
    assertEquals(10_000, config.sessionCacheSize());
    assertEquals(List.of("https://api.workos.com/user_management/client_123", "https://api.workos.com"),
        config.tokenIssuers());
  }

  @Test
  void tokenIssuersFollowTheApiHostOrAreListed() throws Exception {
    AuthKitConfig emulator = load(withAll("workos.api-hostname", "localhost", "workos.api-https", "false"));
    assertEquals(List.of("http://localhost/user_management/client_123", "http://localhost"), emulator.tokenIssuers());
    AuthKitConfig listed = load(with("workos.token-issuer",
        " https://auth.example.com , https://api.workos.com/user_management/client_123,"));
    assertEquals(List.of("https://auth.example.com", "https://api.workos.com/user_management/client_123"),
        listed.tokenIssuers());
  }

  @Test
  void readsEverySetting() throws Exception {
    Map<String, String> values = required();
    values.put("workos.redirect-uri", "https://app.example.com/callback");
    values.put("workos.cookie-password-previous", PREVIOUS + " , " + PASSWORD + ",");
    values.put("workos.api-hostname", "localhost");
    values.put("workos.api-port", "4100");
    values.put("workos.api-https", "FALSE");
    values.put("workos.cookie-name", "__Host-app_session");
    values.put("workos.cookie-max-age", "3600");
    values.put("workos.cookie-domain", ".example.com");
    values.put("workos.cookie-samesite", "Strict");
    values.put("workos.cookie-secure", "always");
    values.put("workos.logout-return-uri", "https://example.com/bye");
    values.put("workos.refresh-buffer", "0");
    values.put("workos.http-connect-timeout", "500");
    values.put("workos.http-read-timeout", "2500");
    values.put("workos.clock-leeway", "5");
    values.put("workos.session-cache-size", "0");
    AuthKitConfig config = load(values);
    assertEquals("https://app.example.com/callback", config.redirectUri());
    assertFalse(config.redirectUriIsPath());
    assertEquals(List.of(PASSWORD, PREVIOUS), config.cookiePasswords(), "current first, duplicates and blanks dropped");
    assertEquals(URI.create("http://localhost:4100"), config.apiBaseUrl());
    assertEquals("__Host-app_session", config.cookieName());
    assertEquals(3600L, config.cookieMaxAgeSeconds());
    assertEquals(Optional.of(".example.com"), config.cookieDomain());
    assertEquals(SameSite.STRICT, config.cookieSameSite());
    assertEquals(CookieSecure.ALWAYS, config.cookieSecure());
    assertEquals(Optional.of("https://example.com/bye"), config.logoutReturnUri());
    assertEquals(Duration.ZERO, config.refreshBuffer());
    assertEquals(Duration.ofMillis(500), config.httpConnectTimeout());
    assertEquals(Duration.ofMillis(2500), config.httpReadTimeout());
    assertEquals(Duration.ofSeconds(5), config.clockLeeway());
    assertEquals(0, config.sessionCacheSize(), "0 turns the session cache off");
  }

  @Test
  void theSessionCacheSizeIsAWholeNumberOfEntries() throws Exception {
    assertEquals(250, load(with("workos.session-cache-size", "250")).sessionCacheSize());
    assertEquals(1_000_000, load(with("workos.session-cache-size", "1000000")).sessionCacheSize());
    assertTrue(load(with("workos.session-cache-size", "42")).toString().contains("sessionCacheSize=42"));
  }

  @Test
  void bearerSettingsHaveDefaultsAndTakeWholeNumbers() throws Exception {
    AuthKitConfig defaults = load(with("workos.token-cache-size", null));
    assertEquals(10_000, defaults.tokenCacheSize());
    assertEquals(java.time.Duration.ofSeconds(60), defaults.apiKeyCacheTtl());
    assertEquals(10, defaults.apiKeyValidationRate());
    AuthKitConfig tuned = load(withAll("workos.api-key-cache-ttl", "300", "workos.api-key-validation-rate", "50"));
    assertEquals(java.time.Duration.ofSeconds(300), tuned.apiKeyCacheTtl());
    assertEquals(50, tuned.apiKeyValidationRate());
    assertEquals(0, load(with("workos.token-cache-size", "0")).tokenCacheSize());
  }

  @ParameterizedTest(name = "container-roles {0}")
  @CsvSource(nullValues = "NULL", delimiter = '|', textBlock = """
      NULL                 | ROLES PERMISSIONS
      roles                | ROLES
      permissions          | PERMISSIONS
      'Permissions, roles' | ROLES PERMISSIONS
      roles permissions    | ROLES PERMISSIONS
      """)
  void containerRolesAreRolesPermissionsOrBoth(String value, String expected) throws Exception {
    java.util.Set<ContainerRoleSource> sources = load(with("workos.container-roles", value)).containerRoles();
    assertEquals(java.util.Set.of(expected.split(" ")).stream().map(ContainerRoleSource::valueOf)
        .collect(java.util.stream.Collectors.toSet()), sources);
  }

  @ParameterizedTest(name = "{0} https={1} port={2} -> {3}")
  @CsvSource(nullValues = "NULL", textBlock = """
      api.workos.com, NULL,  NULL, https://api.workos.com
      api.workos.com, true,  443,  https://api.workos.com
      api.workos.com, true,  8443, https://api.workos.com:8443
      localhost,      false, NULL, http://localhost
      localhost,      false, 80,   http://localhost
      localhost,      false, 4100, http://localhost:4100
      LOCALHOST,      false, 4100, http://LOCALHOST:4100
      127.0.0.1,      false, 4100, http://127.0.0.1:4100
      127.10.20.30,   false, 4100, http://127.10.20.30:4100
      ::1,            false, 4100, http://[::1]:4100
      [::1],          false, 4100, http://[::1]:4100
      localhost,      true,  4100, https://localhost:4100
      """)
  void buildsTheApiBaseUrl(String host, String https, String port, String expected) throws Exception {
    Map<String, String> values = required();
    values.put("workos.api-hostname", host);
    if (https != null) {
      values.put("workos.api-https", https);
    }
    if (port != null) {
      values.put("workos.api-port", port);
    }
    assertEquals(URI.create(expected), load(values).apiBaseUrl());
  }

  @Test
  void sameSiteNoneForcesSecure() throws Exception {
    assertEquals(CookieSecure.ALWAYS, load(with("workos.cookie-samesite", "none")).cookieSecure());
    Map<String, String> explicit = with("workos.cookie-samesite", "none");
    explicit.put("workos.cookie-secure", "always");
    assertEquals(CookieSecure.ALWAYS, load(explicit).cookieSecure());
  }

  @Test
  void toStringMasksTheApiKeyAndPasswords() throws Exception {
    Map<String, String> values = required();
    values.put("workos.cookie-password-previous", PREVIOUS);
    String text = load(values).toString();
    assertFalse(text.contains(API_KEY), text);
    assertFalse(text.contains("a1b2c3"), text);
    assertFalse(text.contains(PASSWORD), text);
    assertFalse(text.contains(PREVIOUS), text);
    assertTrue(text.contains("sk_test_****"), text);
    assertTrue(text.contains("2 masked"), text);
    assertTrue(text.contains("client_123"), text);
    String live = load(with("workos.api-key", "sk_live_zzzSECRET")).toString();
    assertTrue(live.contains("sk_live_****") && !live.contains("zzzSECRET"), live);
    String other = load(with("workos.api-key", "opaqueSECRET")).toString();
    assertTrue(other.contains("apiKey=****") && !other.contains("opaqueSECRET"), other);
  }

  /** Every failure: the settings, the setting the message must name, and words it must contain. */
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(with("workos.api-key", null), Setting.API_KEY, "is required but not set"),
        Arguments.of(with("workos.api-key", "   "), Setting.API_KEY, "is required but not set"),
        Arguments.of(with("workos.client-id", null), Setting.CLIENT_ID, "is required but not set"),
        Arguments.of(with("workos.redirect-uri", null), Setting.REDIRECT_URI, "is required but not set"),
        Arguments.of(with("workos.cookie-password", null), Setting.COOKIE_PASSWORD, "openssl rand -base64 32"),
        Arguments.of(with("workos.cookie-password", "short-secret"), Setting.COOKIE_PASSWORD,
            "must be at least 32 characters (got 12); generate one with `openssl rand -base64 32`"),
        Arguments.of(with("workos.cookie-password", "x".repeat(31)), Setting.COOKIE_PASSWORD, "(got 31)"),
        Arguments.of(with("workos.cookie-password-previous", PREVIOUS + ",too-short-SECRET"),
            Setting.COOKIE_PASSWORD_PREVIOUS, "entry 2 must be at least 32 characters (got 16)"),
        Arguments.of(with("workos.redirect-uri", "callback"), Setting.REDIRECT_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.redirect-uri", "//evil.example/cb"), Setting.REDIRECT_URI, "single '/'"),
        Arguments.of(with("workos.redirect-uri", "ftp://example.com/cb"), Setting.REDIRECT_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.redirect-uri", "https:///cb"), Setting.REDIRECT_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.redirect-uri", "https://user@example.com/cb"), Setting.REDIRECT_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.redirect-uri", "https://exa mple.com/cb"), Setting.REDIRECT_URI, "space"),
        Arguments.of(with("workos.redirect-uri", "/cb\\x"), Setting.REDIRECT_URI, "backslash"),
        Arguments.of(with("workos.redirect-uri", "https://example.com/%zz"), Setting.REDIRECT_URI, "Malformed escape"),
        Arguments.of(with("workos.redirect-uri", "javascript:alert(1)"), Setting.REDIRECT_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.logout-return-uri", "example.com"), Setting.LOGOUT_RETURN_URI, "absolute http(s) URL"),
        Arguments.of(with("workos.logout-return-uri", "//example.com"), Setting.LOGOUT_RETURN_URI, "single '/'"),
        Arguments.of(with("workos.token-issuer", "auth.example.com"), Setting.TOKEN_ISSUER, "absolute http(s) URLs"),
        Arguments.of(with("workos.token-issuer", "/user_management"), Setting.TOKEN_ISSUER, "absolute http(s) URLs"),
        Arguments.of(with("workos.token-issuer", " , "), Setting.TOKEN_ISSUER, "lists no issuer"),
        Arguments.of(with("workos.api-https", "yes"), Setting.API_HTTPS, "must be true or false, got 'yes'"),
        Arguments.of(with("workos.api-https", "false"), Setting.API_HTTPS, "only for a loopback API host"),
        Arguments.of(withAll("workos.api-https", "false", "workos.api-hostname", "10.0.0.1"), Setting.API_HTTPS, "'10.0.0.1'"),
        Arguments.of(withAll("workos.api-https", "false", "workos.api-hostname", "localhost.evil.example"),
            Setting.API_HTTPS, "loopback"),
        Arguments.of(withAll("workos.api-https", "false", "workos.api-hostname", "127.0.0.256"), Setting.API_HTTPS, "loopback"),
        Arguments.of(withAll("workos.api-https", "false", "workos.api-hostname", "128.0.0.1"), Setting.API_HTTPS, "loopback"),
        Arguments.of(withAll("workos.api-https", "false", "workos.api-hostname", "::2"), Setting.API_HTTPS, "loopback"),
        Arguments.of(with("workos.api-hostname", "https://api.workos.com"), Setting.API_HOSTNAME, "no scheme or path"),
        Arguments.of(with("workos.api-hostname", "api.workos.com/v1"), Setting.API_HOSTNAME, "no scheme or path"),
        Arguments.of(with("workos.api-hostname", "api workos"), Setting.API_HOSTNAME, "host name"),
        Arguments.of(with("workos.api-hostname", "-api.workos.com"), Setting.API_HOSTNAME, "host name"),
        Arguments.of(with("workos.api-port", "0"), Setting.API_PORT, "from 1 to 65535, got 0"),
        Arguments.of(with("workos.api-port", "65536"), Setting.API_PORT, "from 1 to 65535, got 65536"),
        Arguments.of(with("workos.api-port", "-1"), Setting.API_PORT, "from 1 to 65535"),
        Arguments.of(with("workos.api-port", "http"), Setting.API_PORT, "got 'http'"),
        Arguments.of(with("workos.cookie-name", "wos session"), Setting.COOKIE_NAME, "cookie name token"),
        Arguments.of(with("workos.cookie-name", "a;b"), Setting.COOKIE_NAME, "cookie name token"),
        Arguments.of(with("workos.cookie-name", "a=b"), Setting.COOKIE_NAME, "cookie name token"),
        Arguments.of(with("workos.cookie-max-age", "0"), Setting.COOKIE_MAX_AGE, "got 0"),
        Arguments.of(with("workos.cookie-max-age", "-5"), Setting.COOKIE_MAX_AGE, "got -5"),
        Arguments.of(with("workos.cookie-max-age", "1d"), Setting.COOKIE_MAX_AGE, "browsers cap cookies at 400 days), got '1d'"),
        Arguments.of(with("workos.cookie-max-age", "99999999999999999999"), Setting.COOKIE_MAX_AGE, "whole number"),
        Arguments.of(with("workos.cookie-domain", "exa mple.com"), Setting.COOKIE_DOMAIN, "domain name"),
        Arguments.of(with("workos.cookie-domain", "example.com;secure"), Setting.COOKIE_DOMAIN, "domain name"),
        Arguments.of(with("workos.cookie-samesite", "sometimes"), Setting.COOKIE_SAMESITE, "one of lax, strict, none"),
        Arguments.of(with("workos.cookie-secure", "maybe"), Setting.COOKIE_SECURE, "one of auto, always, never"),
        Arguments.of(withAll("workos.cookie-samesite", "none", "workos.cookie-secure", "never"), Setting.COOKIE_SECURE,
            "cannot be 'never'"),
        Arguments.of(with("workos.refresh-buffer", "-1"), Setting.REFRESH_BUFFER, "from 0 to 86400"),
        Arguments.of(with("workos.refresh-buffer", "1m"), Setting.REFRESH_BUFFER, "got '1m'"),
        Arguments.of(with("workos.http-connect-timeout", "0"), Setting.HTTP_CONNECT_TIMEOUT, "(milliseconds), got 0"),
        Arguments.of(with("workos.http-read-timeout", "10s"), Setting.HTTP_READ_TIMEOUT, "(milliseconds), got '10s'"),
        Arguments.of(with("workos.clock-leeway", "x"), Setting.CLOCK_LEEWAY, "got 'x'"),
        Arguments.of(with("workos.session-cache-size", "-1"), Setting.SESSION_CACHE_SIZE,
            "must be a whole number from 0 to 1000000 (entries of about 5 KB each; 0 turns the cache off), got -1"),
        Arguments.of(with("workos.session-cache-size", "10k"), Setting.SESSION_CACHE_SIZE, "got '10k'"),
        Arguments.of(with("workos.session-cache-size", "1e4"), Setting.SESSION_CACHE_SIZE, "got '1e4'"),
        Arguments.of(with("workos.session-cache-size", "1000001"), Setting.SESSION_CACHE_SIZE, "got 1000001"),
        Arguments.of(with("workos.token-cache-size", "-1"), Setting.TOKEN_CACHE_SIZE,
            "must be a whole number from 0 to 1000000 (entries of about 1 KB each; 0 turns the access-token cache off),"
                + " got -1"),
        Arguments.of(with("workos.api-key-cache-ttl", "0"), Setting.API_KEY_CACHE_TTL, "from 1 to 3600"),
        Arguments.of(with("workos.api-key-cache-ttl", "1h"), Setting.API_KEY_CACHE_TTL, "got '1h'"),
        Arguments.of(with("workos.api-key-validation-rate", "0"), Setting.API_KEY_VALIDATION_RATE,
            "must be a whole number from 1 to 10000 (validations of unknown API keys per second), got 0"),
        Arguments.of(with("workos.container-roles", "groups"), Setting.CONTAINER_ROLES,
            "must list roles, permissions or both (comma-separated), got 'groups'"),
        Arguments.of(with("workos.container-roles", "roles;permissions"), Setting.CONTAINER_ROLES, "got 'roles;permissions'"),
        Arguments.of(with("workos.container-roles", " , "), Setting.CONTAINER_ROLES, "lists nothing"),
        Arguments.of(with("workos.redirect-uri", "https://a.example.com/callback, /callback"), Setting.REDIRECT_URI,
            "lists several callback URLs, so each must be an absolute http(s) URL"),
        Arguments.of(with("workos.redirect-uri", "https://a.example.com/callback, https://A.example.com:443/cb"),
            Setting.REDIRECT_URI, "lists two callback URLs on https://a.example.com; give one per origin"),
        Arguments.of(with("workos.redirect-uri", "https://a.example.com/callback, javascript:x"), Setting.REDIRECT_URI,
            "got 'javascript:x'"),
        Arguments.of(with("workos.logout-return-uris", "https://www.example.com/bye, /bye"), Setting.LOGOUT_RETURN_URIS,
            "paths inside the application need no listing), got '/bye'"),
        Arguments.of(with("workos.logout-return-uris", "https://user@www.example.com/"), Setting.LOGOUT_RETURN_URIS,
            "absolute http(s) URLs"),
        Arguments.of(with("workos.listeners", "com.example.Audit, com.example.2fast"), Setting.LISTENERS,
            "must list class names of AuthKitListener implementations, such as com.example.SignInAudit, got"
                + " 'com.example.2fast'"),
        Arguments.of(with("workos.listeners", "com.example.Audit;rm"), Setting.LISTENERS, "got 'com.example.Audit;rm'"));
  }

  @Test
  void aRedirectUriPerHostNameAndTheFirstIsTheDefault() throws Exception {
    AuthKitConfig config = load(with("workos.redirect-uri",
        " https://app.example.com/callback ,https://app.example.de/callback,, http://localhost:8080/callback "));
    assertEquals("https://app.example.com/callback", config.redirectUri());
    assertEquals(List.of("https://app.example.com/callback", "https://app.example.de/callback",
        "http://localhost:8080/callback"), config.redirectUris());
    assertFalse(config.redirectUriIsPath());
    assertEquals(List.of("/callback"), load(required()).redirectUris());
  }

  @Test
  void logoutReturnUrisAndListenersAreLists() throws Exception {
    Map<String, String> values = required();
    values.put("workos.logout-return-uris", "https://www.example.com/bye, https://status.example.com/");
    values.put("workos.listeners", "com.example.SignInAudit, com.example.Users$Sync");
    AuthKitConfig config = load(values);
    assertEquals(List.of("https://www.example.com/bye", "https://status.example.com/"), config.logoutReturnUris());
    assertEquals(List.of("com.example.SignInAudit", "com.example.Users$Sync"), config.listeners());
    assertEquals(List.of(), load(required()).logoutReturnUris());
    assertEquals(List.of(), load(required()).listeners());
  }

  static Map<String, String> withAll(String k1, String v1, String k2, String v2) {
    Map<String, String> values = with(k1, v1);
    values.put(k2, v2);
    return values;
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("failures")
  void failsNamingTheSettingAndItsEnvVarWithoutSecrets(Map<String, String> values, Setting setting, String fragment) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(values));
    String message = e.getMessage();
    assertTrue(message.startsWith(setting.key() + " (env " + setting.envVar() + ")"), message);
    assertTrue(message.contains(fragment), message);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      Setting s = Setting.forKey(entry.getKey()).orElseThrow();
      if (s.isSecret()) {
        for (String secretPart : entry.getValue().split(",")) {
          if (!secretPart.isBlank()) {
            assertFalse(message.contains(secretPart.strip()), "secret leaked: " + message);
          }
        }
      }
    }
    assertFalse(message.contains("SECRET"), message);
  }

  @Test
  void theShortPasswordMessageIsExactlyTheDocumentedOne() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(with("workos.cookie-password", "twelve-chars")));
    assertEquals("workos.cookie-password (env WORKOS_COOKIE_PASSWORD) must be at least 32 characters (got 12);"
        + " generate one with `openssl rand -base64 32`", e.getMessage());
  }

  @Test
  void theMissingApiKeyMessageSaysWhereToSetIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(with("workos.api-key", null)));
    assertEquals("workos.api-key (env WORKOS_API_KEY) is required but not set; copy it from the WorkOS dashboard"
        + " (API Keys) (web.xml context-param or filter init-param workos.api-key, system property"
        + " -Dworkos.api-key=..., or environment variable WORKOS_API_KEY)", e.getMessage());
  }
}
