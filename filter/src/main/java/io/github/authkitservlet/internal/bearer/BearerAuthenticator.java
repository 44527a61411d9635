package io.github.authkitservlet.internal.bearer;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.token.AccessTokenVerifier;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Judges bearer credentials: WorkOS access tokens and customers' WorkOS API keys. Which kind a
 * credential is, and whether a declaration accepts it, is the decision core's business; this only
 * says what a credential amounts to.
 *
 * <p>Internal API of authkit-servlet. One instance per configuration; thread-safe.
 */
public final class BearerAuthenticator {

  private final AccessTokenBearers accessTokens;
  private final ApiKeyBearers apiKeys;

  private BearerAuthenticator(AccessTokenBearers accessTokens, ApiKeyBearers apiKeys) {
    this.accessTokens = accessTokens;
    this.apiKeys = apiKeys;
  }

  /**
   * The authenticator a configuration asks for.
   *
   * @param verifier the access-token verifier the session cookies use (one key cache for both)
   * @param revokedSession whether this server refuses a WorkOS session id ({@code SessionAuthenticator::isRevoked})
   */
  public static BearerAuthenticator of(AuthKitConfig config, AccessTokenVerifier verifier, WorkOsClient workos,
      Predicate<String> revokedSession, Clock clock) {
    Objects.requireNonNull(workos, "workos");
    Duration waitLimit = config.inFlightWaitLimit();
    return new BearerAuthenticator(
        new AccessTokenBearers(verifier, revokedSession, clock, config.clockLeeway(), config.tokenCacheSize()),
        new ApiKeyBearers(workos::validateApiKey, config.apiKey(), clock, config.apiKeyCacheTtl(),
            new ValidationBudget(config.apiKeyValidationRate(), System::nanoTime), waitLimit, config.tokenCacheSize()));
  }

  /** What a WorkOS access token (a JWT) amounts to. Never throws for bad input. */
  public BearerOutcome accessToken(String token) {
    return accessTokens.authenticate(token);
  }

  /** What a value presented as a customer's WorkOS API key amounts to. Never throws for bad input. */
  public BearerOutcome apiKey(String value) {
    return apiKeys.authenticate(value);
  }
}
