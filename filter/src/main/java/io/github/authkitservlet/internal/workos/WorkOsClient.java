package io.github.authkitservlet.internal.workos;

import com.workos.WorkOS;
import com.workos.apikeys.ApiKeys;
import com.workos.common.exceptions.WorkOSException;
import com.workos.common.http.RequestOptions;
import com.workos.common.http.RetryConfig;
import com.workos.models.ApiKey;
import com.workos.models.ApiKeyValidationResponse;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import com.workos.usermanagement.PKCEAuthorizationUrlResult;
import com.workos.usermanagement.UserManagement;
import com.workos.common.http.Page;
import com.workos.models.OrganizationMembership;
import com.workos.organizationmembership.OrganizationMembershipService;
import com.workos.organizations.Organizations;
import com.workos.types.OrganizationMembershipStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/**
 * The few WorkOS calls authkit-servlet makes, on top of the WorkOS Java SDK.
 *
 * <p>Internal API of authkit-servlet. One instance per configuration: it owns one SDK client and
 * one OkHttp client (connection pool), both reused by every request. The SDK's own retries are
 * turned off because these calls run on a user's request thread: we decide what is transient and
 * answer quickly rather than sleeping through an exponential back-off.
 */
public final class WorkOsClient implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkOsClient.class.getName());
  /** How long sign-out waits for WorkOS to confirm a revocation. */
  static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(3);

  /** Memberships asked for per page, WorkOS's maximum. */
  static final int MEMBERSHIPS_PER_PAGE = 100;
  /** Pages read at most: no picker offers more than this many organizations. */
  static final int MAX_MEMBERSHIP_PAGES = 5;

  private final OkHttpClient http;
  private final UserManagement userManagement;
  private final ApiKeys apiKeys;
  private final OrganizationMembershipService memberships;
  private final Organizations organizations;
  private final String clientId;
  private final URI apiBaseUrl;

  /**
   * @param apiKey the WorkOS API key (secret)
   * @param clientId the WorkOS client id
   * @param apiBaseUrl e.g. {@code https://api.workos.com} (no trailing slash needed)
   * @param connectTimeout TCP connect timeout for every call
   * @param readTimeout read timeout for every call
   */
  public WorkOsClient(
      String apiKey, String clientId, URI apiBaseUrl, Duration connectTimeout, Duration readTimeout) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            // An upper bound for the whole call, so a trickling server cannot hold a thread forever.
            .callTimeout(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .build();
    WorkOS workos =
        WorkOS.builder()
            .apiKey(Objects.requireNonNull(apiKey, "apiKey"))
            .clientId(clientId)
            .apiBaseUrl(stripTrailingSlash(apiBaseUrl.toString()))
            .httpClient(http)
            .retryConfig(RetryConfig.DISABLED)
            .build();
    this.userManagement = workos.getUserManagement();
    this.apiKeys = workos.getApiKeys();
    this.memberships = workos.getOrganizationMembership();
    this.organizations = workos.getOrganizations();
  }

  /**
   * Builds the AuthKit authorization URL ({@code provider=authkit}) with a fresh random state and
   * PKCE S256 pair, both made by the SDK (32 random bytes of state, a 43-character verifier).
   */
  public AuthorizationRequest authorizationRequest(String redirectUri, AuthorizationOptions options) {
    return authorizationRequest(redirectUri, options, null);
  }

  /**
   * As {@link #authorizationRequest(String, AuthorizationOptions)}, with the given state (a random
   * value the caller made; null: the SDK makes one).
   */
  public AuthorizationRequest authorizationRequest(String redirectUri, AuthorizationOptions options, String state) {
    AuthKitAuthorizationUrlOptions sdkOptions =
        new AuthKitAuthorizationUrlOptions(
            redirectUri,
            clientId,
            "authkit",
            null,
            blankToNull(options.organizationId()),
            state,
            null,
            null,
            null,
            blankToNull(options.loginHint()),
            blankToNull(options.screenHint()),
            blankToNull(options.prompt()),
            null,
            null,
            null);
    PKCEAuthorizationUrlResult result = AuthKitAuthUrlsKt.getAuthorizationUrlWithPKCE(userManagement, sdkOptions);
    return new AuthorizationRequest(result.getUrl(), result.getState(), result.getCodeVerifier());
  }

  /** Exchanges an authorization code (with its PKCE verifier) for a session. */
  public GrantResult exchangeCode(String code, String codeVerifier) {
    try {
      return new GrantResult.Success(
          SessionMapping.toSession(userManagement.authenticateWithCode(code, codeVerifier)));
    } catch (WorkOSException e) {
      return failed("authorization_code", e);
    } catch (RuntimeException e) {
      // An answer the SDK could not read (e.g. not JSON): WorkOS (or a proxy) misbehaving.
      LOG.log(Level.WARNING, "WorkOS authorization_code grant: unreadable answer ({0})", e.getClass().getSimpleName());
      return new GrantResult.Failed(Failure.of(FailureReason.BAD_RESPONSE));
    }
  }

  /**
   * Exchanges a refresh token (single-use, rotating) for a new session, staying in the given
   * organization when there is one.
   */
  public GrantResult refresh(String refreshToken, String organizationId) {
    try {
      return new GrantResult.Success(
          SessionMapping.toSession(
              userManagement.authenticateWithRefreshToken(refreshToken, blankToNull(organizationId))));
    } catch (WorkOSException e) {
      return failed("refresh_token", e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "WorkOS refresh_token grant: unreadable answer ({0})", e.getClass().getSimpleName());
      return new GrantResult.Failed(Failure.of(FailureReason.BAD_RESPONSE));
    }
  }

  /**
   * The organizations the user is an active member of, with their names and the user's role; at
   * most {@value #MAX_MEMBERSHIP_PAGES} pages of {@value #MEMBERSHIPS_PER_PAGE}.
   */
  public MembershipList activeMemberships(String userId) {
    try {
      List<Membership> found = new ArrayList<>();
      String after = null;
      for (int page = 0; page < MAX_MEMBERSHIP_PAGES; page++) {
        Page<OrganizationMembership> listed = memberships.list(null, after, MEMBERSHIPS_PER_PAGE, null, null,
            List.of(OrganizationMembershipStatus.Active), userId);
        for (OrganizationMembership membership : listed.data) {
          if (membership.getStatus() == OrganizationMembershipStatus.Active) {
            found.add(new Membership(membership.getOrganizationId(), membership.getOrganizationName(),
                membership.getRole() == null ? null : membership.getRole().getSlug()));
          }
        }
        after = listed.listMetadata.after;
        if (after == null) {
          break;
        }
      }
      return new MembershipList.Listed(found);
    } catch (WorkOSException e) {
      Failure failure = GrantErrors.classify(e);
      LOG.log(failure.isTerminal() ? Level.WARNING : failure.reason().logLevel(),
          "WorkOS organization memberships could not be listed: {0} (status {1})", new Object[] {failure.code(), e.status});
      return new MembershipList.Failed(failure);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "WorkOS organization memberships: unreadable answer ({0})", e.getClass().getSimpleName());
      return new MembershipList.Failed(Failure.of(FailureReason.BAD_RESPONSE));
    }
  }

  /** An organization's name; empty when WorkOS cannot say just now (the caller shows the id instead). */
  public Optional<String> organizationName(String organizationId) {
    try {
      return Optional.ofNullable(organizations.get(organizationId).getName());
    } catch (RuntimeException e) { // WorkOSException included: the name is a nicety
      LOG.log(Level.FINE, "WorkOS organization name not read ({0})", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * Ends a session at WorkOS, server to server, so its refresh token stops working everywhere at
   * once. Bounded by {@link #REVOKE_TIMEOUT} because a user is waiting to be signed out, and never
   * throws: a failure is logged and the caller signs the user out anyway.
   *
   * @return whether WorkOS confirmed the session is over (revoked now, or already ended)
   */
  public boolean revokeSession(String sessionId) {
    try {
      userManagement.revokeSession(sessionId,
          RequestOptions.builder().timeoutMillis(REVOKE_TIMEOUT.toMillis()).build());
      return true;
    } catch (WorkOSException e) {
      if (e.status == 404) {
        LOG.log(Level.FINE, "WorkOS had already ended the session being signed out");
        return true;
      }
      String reason = GrantErrors.classify(e).code();
      LOG.log(Level.WARNING, "could not revoke a session at WorkOS while signing a user out ({0}, status {1});"
          + " the user is signed out on this server, and WorkOS's logout page ends the session too",
          new Object[] {reason, e.status});
      return false;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not revoke a session at WorkOS while signing a user out ({0});"
          + " the user is signed out on this server, and WorkOS's logout page ends the session too",
          e.getClass().getSimpleName());
      return false;
    }
  }

  /**
   * Asks WorkOS whether {@code value} is one of your customers' API keys
   * ({@code POST /api_keys/validations}). Never throws; nothing of the value is logged.
   */
  public ApiKeyValidation validateApiKey(String value) {
    try {
      ApiKeyValidationResponse answer = apiKeys.createValidation(value);
      ApiKey key = answer == null ? null : answer.getApiKey();
      if (key == null) {
        return new ApiKeyValidation.Unknown();
      }
      return new ApiKeyValidation.Valid(ApiKeyMapping.toValidated(key));
    } catch (WorkOSException e) {
      Failure failure = GrantErrors.classify(e);
      if (failure.isTerminal()) {
        // WorkOS answers a value it cannot take (malformed, say) with a 4xx: that is no key either.
        LOG.log(Level.FINE, "WorkOS refused to validate a presented API key: {0} (status {1})",
            new Object[] {failure.code(), e.status});
        return new ApiKeyValidation.Unknown();
      }
      LOG.log(failure.reason().logLevel(), "WorkOS API key validation failed: {0} (status {1})",
          new Object[] {failure.code(), e.status});
      return new ApiKeyValidation.Failed(failure);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "WorkOS API key validation: unreadable answer ({0})", e.getClass().getSimpleName());
      return new ApiKeyValidation.Failed(Failure.of(FailureReason.BAD_RESPONSE));
    }
  }

  /**
   * WorkOS's logout URL for a session id. Built from the id alone, so it works when the access
   * token has already expired (the SDK's own {@code Session.getLogoutUrl()} refuses then).
   */
  public String logoutUrl(String sessionId, String returnTo) {
    return AuthKitAuthUrlsKt.getLogoutUrl(userManagement, new AuthKitLogoutUrlOptions(sessionId, returnTo));
  }

  /** Where this client's signing keys are published. */
  public URI jwksUri() {
    return URI.create(stripTrailingSlash(apiBaseUrl.toString()) + "/sso/jwks/" + clientId);
  }

  /** Releases the connection pool (called when the web application stops). */
  @Override
  public void close() {
    http.connectionPool().evictAll();
    http.dispatcher().executorService().shutdown();
  }

  private static GrantResult failed(String grant, WorkOSException e) {
    Failure failure = GrantErrors.classify(e);
    // Status and error code only: the body or message could echo what we sent.
    String consequence = failure.isTerminal() ? "refused" : "failed, will not sign the user out";
    LOG.log(failure.reason().logLevel(), "WorkOS {0} grant {1}: {2} (status {3})",
        new Object[] {grant, consequence, failure.code(), e.status});
    return new GrantResult.Failed(failure);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
