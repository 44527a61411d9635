package io.github.authkitservlet.internal.config;

import io.github.authkitservlet.internal.session.IronSeal;
import io.github.authkitservlet.internal.web.Origins;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads every {@link Setting} from a {@link SettingSource} and validates it into an
 * {@link AuthKitConfig}. Each failure names the setting and its env var, says what to do, and never
 * repeats the value of a secret setting.
 */
final class ConfigLoader {

  static final int MIN_PASSWORD_LENGTH = IronSeal.MIN_PASSWORD_LENGTH;
  static final long MAX_COOKIE_AGE_SECONDS = 400L * 24 * 3600;
  /** About 5 GB of verified sessions: beyond that a typo is likelier than a real need. */
  static final long MAX_SESSION_CACHE_SIZE = 1_000_000;

  // RFC 6265 cookie-name = token (RFC 7230 tchar).
  private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}");
  private static final Pattern COOKIE_DOMAIN = Pattern.compile("\\.?[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern CLASS_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
      + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[?[0-9A-Fa-f:.]+]?");

  private final SettingSource source;

  ConfigLoader(SettingSource source) {
    this.source = source;
  }

  AuthKitConfig load() throws ConfigException {
    String apiKey = required(Setting.API_KEY, "copy it from the WorkOS dashboard (API Keys)");
    String clientId = required(Setting.CLIENT_ID, "copy it from the WorkOS dashboard (API Keys)");
    List<String> redirectUris = redirectUris(
        required(Setting.REDIRECT_URI, "set it to your callback URL, e.g. https://app.example.com/callback or /callback"));
    List<String> passwords = passwords();
    URI apiBaseUrl = apiBaseUrl();
    String cookieName = value(Setting.COOKIE_NAME);
    if (!COOKIE_NAME.matcher(cookieName).matches()) {
      throw new ConfigException(Setting.COOKIE_NAME,
          "must be a cookie name token (letters, digits and !#$%&'*+-.^_`|~, at most 128), got '" + cookieName + "'");
    }
    // Browsers cap cookie lifetimes at 400 days: a longer Max-Age would silently not be honoured.
    long maxAge = longIn(Setting.COOKIE_MAX_AGE, 1, MAX_COOKIE_AGE_SECONDS, "seconds; browsers cap cookies at 400 days");
    Optional<String> cookieDomain = source.get(Setting.COOKIE_DOMAIN.key());
    if (cookieDomain.isPresent() && !COOKIE_DOMAIN.matcher(cookieDomain.get()).matches()) {
      throw new ConfigException(Setting.COOKIE_DOMAIN,
          "must be a domain name such as example.com, got '" + cookieDomain.get() + "'");
    }
    SameSite sameSite = enumValue(Setting.COOKIE_SAMESITE, SameSite.class);
    CookieSecure secure = enumValue(Setting.COOKIE_SECURE, CookieSecure.class);
    if (sameSite == SameSite.NONE && secure == CookieSecure.NEVER) {
      throw new ConfigException(Setting.COOKIE_SECURE,
          "cannot be 'never' when " + Setting.COOKIE_SAMESITE.describe()
              + " is 'none': browsers reject SameSite=None cookies without Secure; use 'auto' or 'always'");
    }
    Optional<String> logoutReturnUri = source.get(Setting.LOGOUT_RETURN_URI.key());
    if (logoutReturnUri.isPresent()) {
      uriOrPath(Setting.LOGOUT_RETURN_URI, logoutReturnUri.get());
    }
    List<String> tokenIssuers = tokenIssuers(apiBaseUrl, clientId);
    Duration refreshBuffer = Duration.ofSeconds(longIn(Setting.REFRESH_BUFFER, 0, 86_400, "seconds"));
    Duration connectTimeout = Duration.ofMillis(longIn(Setting.HTTP_CONNECT_TIMEOUT, 1, 600_000, "milliseconds"));
    Duration readTimeout = Duration.ofMillis(longIn(Setting.HTTP_READ_TIMEOUT, 1, 600_000, "milliseconds"));
    Duration leeway = Duration.ofSeconds(longIn(Setting.CLOCK_LEEWAY, 0, 3_600, "seconds"));
    int sessionCacheSize = (int) longIn(Setting.SESSION_CACHE_SIZE, 0, MAX_SESSION_CACHE_SIZE,
        "entries of about 5 KB each; 0 turns the cache off");
    int tokenCacheSize = (int) longIn(Setting.TOKEN_CACHE_SIZE, 0, MAX_SESSION_CACHE_SIZE,
        "entries of about 1 KB each; 0 turns the access-token cache off");
    Duration apiKeyCacheTtl = Duration.ofSeconds(longIn(Setting.API_KEY_CACHE_TTL, 1, 3_600,
        "seconds a confirmed API key is trusted; a key revoked at WorkOS keeps working here that long"));
    int apiKeyValidationRate = (int) longIn(Setting.API_KEY_VALIDATION_RATE, 1, 10_000,
        "validations of unknown API keys per second");
    Set<ContainerRoleSource> containerRoles = containerRoles();
    SessionStoreKind sessionStore = enumValue(Setting.SESSION_STORE, SessionStoreKind.class);
    Optional<String> jcacheProvider = source.get(Setting.JCACHE_PROVIDER.key());
    if (jcacheProvider.isPresent() && !CLASS_NAME.matcher(jcacheProvider.get()).matches()) {
      throw new ConfigException(Setting.JCACHE_PROVIDER, "must be a class name such as"
          + " com.hazelcast.cache.HazelcastMemberCachingProvider, got '" + jcacheProvider.get() + "'");
    }
    Optional<URI> jcacheConfig = jcacheConfig();
    if (sessionStore == SessionStoreKind.MEMORY) {
      for (Setting jcacheOnly : List.of(Setting.JCACHE_PROVIDER, Setting.JCACHE_CONFIG)) {
        if (source.get(jcacheOnly.key()).isPresent()) {
          throw new ConfigException(jcacheOnly, "only applies with " + Setting.SESSION_STORE.key()
              + "=jcache, but " + Setting.SESSION_STORE.describe() + " is memory: set it to jcache, or remove this setting");
        }
      }
    }
    Optional<String> webhookSecret = source.get(Setting.WEBHOOK_SECRET.key());
    List<String> logoutReturnUris = new ArrayList<>();
    for (String uri : listOf(Setting.LOGOUT_RETURN_URIS)) {
      logoutReturnUris.add(absoluteUrl(Setting.LOGOUT_RETURN_URIS, uri, "must list absolute http(s) URLs such as"
          + " https://www.example.com/signed-out (paths inside the application need no listing), got '" + uri + "'"));
    }
    List<String> listeners = listOf(Setting.LISTENERS);
    for (String listener : listeners) {
      if (!CLASS_NAME.matcher(listener).matches()) {
        throw new ConfigException(Setting.LISTENERS, "must list class names of AuthKitListener implementations,"
            + " such as com.example.SignInAudit, got '" + listener + "'");
      }
    }
    return new AuthKitConfig(apiKey, clientId, passwords, apiBaseUrl, cookieName, maxAge,
        cookieDomain, sameSite, secure, logoutReturnUri, tokenIssuers, refreshBuffer, connectTimeout, readTimeout, leeway,
        sessionCacheSize, tokenCacheSize, apiKeyCacheTtl, apiKeyValidationRate, containerRoles,
        sessionStore, jcacheProvider, jcacheConfig, webhookSecret,
        redirectUris, List.copyOf(logoutReturnUris), listeners);
  }

  /** {@code roles}, {@code permissions} or both, separated by commas or whitespace. */
  private Set<ContainerRoleSource> containerRoles() throws ConfigException {
    String text = value(Setting.CONTAINER_ROLES);
    Set<ContainerRoleSource> sources = EnumSet.noneOf(ContainerRoleSource.class);
    for (String entry : text.split("[,\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      ContainerRoleSource source = ContainerRoleSource.forName(entry);
      if (source == null) {
        throw new ConfigException(Setting.CONTAINER_ROLES, "must list roles, permissions or both"
            + " (comma-separated), got '" + text + "'");
      }
      sources.add(source);
    }
    if (sources.isEmpty()) {
      throw new ConfigException(Setting.CONTAINER_ROLES, "lists nothing; leave it unset for roles,permissions");
    }
    return sources;
  }

  /**
   * One callback URL (absolute or a path), or several absolute ones on different origins: a path
   * means "the request's origin", which leaves nothing to choose between.
   */
  private static List<String> redirectUris(String value) throws ConfigException {
    List<String> entries = split(value);
    if (entries.size() == 1) {
      return List.of(uriOrPath(Setting.REDIRECT_URI, entries.get(0)));
    }
    List<String> uris = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (String entry : entries) {
      String uri = absoluteUrl(Setting.REDIRECT_URI, entry, "lists several callback URLs, so each must be an"
          + " absolute http(s) URL such as https://app.example.com/callback, got '" + entry + "'");
      String origin = Origins.of(uri).orElseThrow();
      if (origins.contains(origin)) {
        throw new ConfigException(Setting.REDIRECT_URI, "lists two callback URLs on " + origin
            + "; give one per origin (a request uses the one on its own origin)");
      }
      origins.add(origin);
      uris.add(uri);
    }
    return List.copyOf(uris);
  }

  /** A setting's entries, separated by commas (as every list setting is); empty when it is not set. */
  private List<String> listOf(Setting setting) {
    return source.get(setting.key()).map(ConfigLoader::split).orElse(List.of());
  }

  private static List<String> split(String value) {
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.strip());
      }
    }
    return entries;
  }

  /** The configured issuers, or WorkOS's issuer for this client and the bare API origin. */
  private List<String> tokenIssuers(URI apiBaseUrl, String clientId) throws ConfigException {
    Optional<String> configured = source.get(Setting.TOKEN_ISSUER.key());
    if (configured.isEmpty()) {
      return List.of(apiBaseUrl + "/user_management/" + clientId, apiBaseUrl.toString());
    }
    List<String> issuers = new ArrayList<>();
    for (String issuer : split(configured.get())) {
      issuers.add(absoluteUrl(Setting.TOKEN_ISSUER, issuer, "must list absolute http(s) URLs such as"
          + " https://api.workos.com/user_management/" + clientId + " or https://auth.example.com, got '" + issuer + "'"));
    }
    if (issuers.isEmpty()) {
      throw new ConfigException(Setting.TOKEN_ISSUER, "lists no issuer; leave it unset for WorkOS's own");
    }
    return List.copyOf(issuers);
  }

  /** The provider's configuration: an absolute URI in a scheme the provider reads (classpath:, file:, …). */
  private Optional<URI> jcacheConfig() throws ConfigException {
    Optional<String> text = source.get(Setting.JCACHE_CONFIG.key());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String hint = "must be a URI your JCache provider reads, such as classpath:hazelcast.xml or"
        + " file:/etc/app/hazelcast.xml, got '" + text.get() + "'";
    checkCharacters(Setting.JCACHE_CONFIG, text.get(), hint);
    URI uri = parse(Setting.JCACHE_CONFIG, text.get(), hint);
    if (uri.getScheme() == null) {
      throw new ConfigException(Setting.JCACHE_CONFIG, hint);
    }
    return Optional.of(uri);
  }

  private String required(Setting setting, String hint) throws ConfigException {
    return source.get(setting.key()).orElseThrow(() -> new ConfigException(setting,
        "is required but not set; " + hint
            + " (web.xml context-param or filter init-param " + setting.key()
            + ", system property -D" + setting.key() + "=..., or environment variable " + setting.envVar() + ")"));
  }

  private String value(Setting setting) {
    return source.get(setting.key()).or(setting::defaultValue).orElseThrow();
  }

  private List<String> passwords() throws ConfigException {
    String current = required(Setting.COOKIE_PASSWORD, "generate one with `openssl rand -base64 32`");
    checkPasswordLength(Setting.COOKIE_PASSWORD, current, "");
    List<String> passwords = new ArrayList<>();
    passwords.add(current);
    Optional<String> previous = source.get(Setting.COOKIE_PASSWORD_PREVIOUS.key());
    if (previous.isPresent()) {
      String[] entries = previous.get().split(",");
      for (int i = 0; i < entries.length; i++) {
        String entry = entries[i].strip();
        if (entry.isEmpty()) {
          continue;
        }
        checkPasswordLength(Setting.COOKIE_PASSWORD_PREVIOUS, entry, "entry " + (i + 1) + " ");
        if (!passwords.contains(entry)) {
          passwords.add(entry);
        }
      }
    }
    return List.copyOf(passwords);
  }

  private static void checkPasswordLength(Setting setting, String password, String which) throws ConfigException {
    // Iron's own minimum; shorter passwords make the PBKDF2 (1 iteration) keys guessable.
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new ConfigException(setting, which + "must be at least " + MIN_PASSWORD_LENGTH
          + " characters (got " + password.length() + "); generate one with `openssl rand -base64 32`");
    }
  }

  /** An absolute http(s) URL with a host, or a path starting with exactly one '/'. */
  private static String uriOrPath(Setting setting, String value) throws ConfigException {
    String hint = "must be an absolute http(s) URL such as https://app.example.com/callback"
        + " or a path starting with a single '/' such as /callback, got '" + value + "'";
    if (value.startsWith("/")) {
      checkCharacters(setting, value, hint);
      if (value.startsWith("//")) {
        throw new ConfigException(setting, hint);
      }
      parse(setting, value, hint);
      return value;
    }
    return absoluteUrl(setting, value, hint);
  }

  /** An absolute http(s) URL with a host and no user info; {@code hint} says what was expected. */
  private static String absoluteUrl(Setting setting, String value, String hint) throws ConfigException {
    checkCharacters(setting, value, hint);
    URI uri = parse(setting, value, hint);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new ConfigException(setting, hint);
    }
    return value;
  }

  private static void checkCharacters(Setting setting, String value, String hint) throws ConfigException {
    if (value.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
      throw new ConfigException(setting, hint + " (it contains a space, control character or backslash)");
    }
  }

  private static URI parse(Setting setting, String value, String hint) throws ConfigException {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(setting, hint + " (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }

  private URI apiBaseUrl() throws ConfigException {
    String host = value(Setting.API_HOSTNAME);
    boolean ipv6 = host.contains(":");
    if (host.contains("/")) {
      throw new ConfigException(Setting.API_HOSTNAME, "must be a host name only, such as api.workos.com or localhost"
          + " (no scheme or path: use " + Setting.API_HTTPS.key() + " and " + Setting.API_PORT.key()
          + " for those), got '" + host + "'");
    }
    if (ipv6 ? !IPV6_LITERAL.matcher(host).matches() : !HOST_NAME.matcher(host).matches()) {
      throw new ConfigException(Setting.API_HOSTNAME,
          "must be a host name such as api.workos.com or localhost, got '" + host + "'");
    }
    String httpsText = value(Setting.API_HTTPS).toLowerCase(Locale.ROOT);
    boolean https;
    if (httpsText.equals("true")) {
      https = true;
    } else if (httpsText.equals("false")) {
      https = false;
    } else {
      throw new ConfigException(Setting.API_HTTPS, "must be true or false, got '" + httpsText + "'");
    }
    String bareHost = ipv6 ? host.replace("[", "").replace("]", "") : host;
    if (!https && !isLoopback(bareHost)) {
      throw new ConfigException(Setting.API_HTTPS, "may be false only for a loopback API host (localhost, 127.0.0.1, ::1),"
          + " but " + Setting.API_HOSTNAME.describe() + " is '" + host
          + "': plain http would send the API key and tokens unencrypted; use https");
    }
    int defaultPort = https ? 443 : 80;
    Optional<String> portText = source.get(Setting.API_PORT.key());
    int port = portText.isPresent() ? (int) longIn(Setting.API_PORT, 1, 65_535, "") : defaultPort;
    String authority = (ipv6 ? "[" + bareHost + "]" : host) + (port == defaultPort ? "" : ":" + port);
    try {
      return new URI((https ? "https" : "http") + "://" + authority);
    } catch (URISyntaxException e) {
      throw new ConfigException(Setting.API_HOSTNAME, "does not form a valid URL with the port, got '" + host + "'");
    }
  }

  /** Loopback by its literal form only: no DNS lookup at startup (it could be slow or spoofed). */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    var m = IPV4.matcher(h);
    if (m.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(m.group(i)) > 255) {
          return false;
        }
      }
      return m.group(1).equals("127");
    }
    return false;
  }

  private long longIn(Setting setting, long min, long max, String unit) throws ConfigException {
    String text = value(setting);
    String range = "a whole number from " + min + " to " + max + (unit.isEmpty() ? "" : " (" + unit + ")");
    long parsed;
    try {
      parsed = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(setting, "must be " + range + ", got '" + text + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(setting, "must be " + range + ", got " + parsed);
    }
    return parsed;
  }

  private <E extends Enum<E>> E enumValue(Setting setting, Class<E> type) throws ConfigException {
    String text = value(setting);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new ConfigException(setting, "must be one of " + String.join(", ", allowed) + ", got '" + text + "'");
  }
}
