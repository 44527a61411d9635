package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Caller;
import io.github.authkitservlet.internal.core.OrganizationDirectory;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.session.SessionUser;
import io.github.authkitservlet.internal.token.AccessTokenClaims;
import io.github.authkitservlet.internal.workos.MembershipList;
import io.github.authkitservlet.internal.workos.ValidatedApiKey;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The signed-in WorkOS user, as the application sees it.
 *
 * <p>Returned by {@code request.getUserPrincipal()} on every request {@link AuthKitFilter} or
 * {@link AuthKitSecurityListener}'s module lets through with a caller, and stored in the request
 * attribute {@value #REQUEST_ATTRIBUTE}, so a JSP can write {@code ${authkitUser.email}} or
 * {@code ${authkitUser.hasRole('admin')}}. Roles, permissions, entitlements and feature flags come
 * from the verified access token; the profile (email, names, picture) from the user WorkOS returned
 * at sign-in or at the last refresh. A caller that came with a bearer credential has no profile:
 * an access token's principal has the token's claims, an API key's the key's owner and permissions
 * ({@link #getCredentialType()}).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class AuthKitPrincipal implements Principal {

  /** The request attribute under which the current user is stored: {@code authkitUser}. */
  public static final String REQUEST_ATTRIBUTE = "authkitUser";

  /**
   * Who is impersonating the user (a WorkOS dashboard admin), and why.
   *
   * @param email the impersonator's email address
   * @param reason the reason they gave, or null
   */
  public record Impersonator(String email, String reason) {}

  /** What the caller proved who they are with. */
  public enum CredentialType {
    /** The sealed session cookie of a user who signed in here (or in an application sharing it). */
    SESSION_COOKIE,
    /** A user's WorkOS access token, sent as {@code Authorization: Bearer} to an API path. */
    ACCESS_TOKEN,
    /** One of your customers' WorkOS API keys, sent as {@code Authorization: Bearer} to an API path. */
    API_KEY
  }

  /**
   * The customer's WorkOS API key a request came with (never its value).
   *
   * @param id the key's id ({@code api_key_…})
   * @param name the name its owner gave it
   * @param ownerType {@code organization} or {@code user}: whom {@link #getId()} names
   */
  public record ApiKey(String id, String name, String ownerType) {}

  private final String id;
  private final String email;
  private final String firstName;
  private final String lastName;
  private final String profilePictureUrl;
  private final Map<String, String> metadata;
  private final String sessionId;
  private final String organizationId;
  private final String role;
  private final List<String> roles;
  private final List<String> permissions;
  private final List<String> entitlements;
  private final List<String> featureFlags;
  private final Impersonator impersonator;
  private final String accessToken;
  private final CredentialType credentialType;
  private final ApiKey apiKey;
  /** The caller this principal shows, so a second AuthKit declaration can tell it is the same. */
  private final Caller source;
  /** Where the user's organizations are looked up, on demand. */
  private final OrganizationDirectory directory;

  AuthKitPrincipal(Caller caller, OrganizationDirectory directory) {
    this.source = caller;
    this.directory = Objects.requireNonNull(directory, "directory");
    if (caller instanceof Caller.ApiKey key) {
      ValidatedApiKey validated = key.key();
      this.id = validated.ownerId();
      this.email = null;
      this.firstName = null;
      this.lastName = null;
      this.profilePictureUrl = null;
      this.metadata = Map.of();
      this.sessionId = null;
      this.organizationId = validated.organizationId();
      this.role = null;
      this.roles = List.of();
      this.permissions = validated.permissions();
      this.entitlements = List.of();
      this.featureFlags = List.of();
      this.impersonator = null;
      this.accessToken = null;
      this.credentialType = CredentialType.API_KEY;
      this.apiKey = new ApiKey(validated.id(), validated.name(), validated.ownerType());
      return;
    }
    // A session cookie holds the user WorkOS returned and the token; a bearer token only its claims.
    SessionData data = caller instanceof Caller.Session session ? session.session().data() : null;
    AccessTokenClaims claims = caller instanceof Caller.Session session
        ? session.session().claims() : ((Caller.AccessToken) caller).claims();
    SessionUser user = data == null ? null : data.user();
    this.id = claims.userId();
    this.email = user == null ? null : user.email();
    this.firstName = user == null ? null : user.firstName();
    this.lastName = user == null ? null : user.lastName();
    this.profilePictureUrl = user == null ? null : user.profilePictureUrl();
    this.metadata = user == null ? Map.of() : user.metadata();
    this.sessionId = claims.sessionId();
    this.organizationId = claims.organizationId() != null || data == null ? claims.organizationId() : data.organizationId();
    this.role = claims.role();
    this.roles = claims.roles();
    this.permissions = claims.permissions();
    this.entitlements = claims.entitlements();
    this.featureFlags = claims.featureFlags();
    if (data != null && data.impersonator() != null && data.impersonator().email() != null) {
      this.impersonator = data.impersonator();
    } else if (claims.actorEmail() != null) {
      this.impersonator = new Impersonator(claims.actorEmail(), null);
    } else {
      this.impersonator = null;
    }
    this.accessToken = data != null ? data.accessToken() : ((Caller.AccessToken) caller).token();
    this.credentialType = data != null ? CredentialType.SESSION_COOKIE : CredentialType.ACCESS_TOKEN;
    this.apiKey = null;
  }

  /**
   * The WorkOS user id (e.g. {@code user_01H...}); for an API key, its owner's id (an organization's
   * {@code org_…} or a user's {@code user_…}, see {@link ApiKey#ownerType()}). The same as
   * {@link #getId()}.
   */
  @Override
  public String getName() {
    return id;
  }

  /** The WorkOS user id; for an API key, its owner's id. */
  public String getId() {
    return id;
  }

  /**
   * The user's email address, as WorkOS returned it at sign-in. Null for a bearer credential
   * (access tokens carry no profile, API keys no user), and when the sealed cookie carries no user
   * profile, which this library never writes but another application sealing cookies with the same
   * password could; the session is still valid then, because the user id comes from the verified
   * access token, not from the profile.
   */
  public String getEmail() {
    return email;
  }

  /** The user's first name, or null. */
  public String getFirstName() {
    return firstName;
  }

  /** The user's last name, or null. */
  public String getLastName() {
    return lastName;
  }

  /** "First Last" when WorkOS knows a name, else the email address (else the user id). */
  public String getDisplayName() {
    String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    if (!full.isEmpty()) {
      return full;
    }
    return email != null ? email : id;
  }

  /** The URL of the user's profile picture, or null. */
  public String getProfilePictureUrl() {
    return profilePictureUrl;
  }

  /** The user's metadata (key/value strings set through the WorkOS API); never null. */
  public Map<String, String> getMetadata() {
    return metadata;
  }

  /** The WorkOS session id ({@code sid}); null for an API key. */
  public String getSessionId() {
    return sessionId;
  }

  /** The organization the session is in (the one signed in to, or switched to), or null. */
  public String getOrganizationId() {
    return organizationId;
  }

  /**
   * The organizations the user is an active member of, for an organization picker: WorkOS's
   * organization memberships of the user, with each organization's name and the user's role there,
   * and which one the session is in, in WorkOS's order (the newest membership first). The list is
   * asked of WorkOS on first use and kept for a minute (for at most 10,000 users), so a picker on
   * every page costs one call a minute per user. Empty when WorkOS cannot be asked just now (logged).
   * Post an id to {@link AuthKitOrganizationServlet} to switch. Always empty for an API key, which
   * belongs to an organization rather than being a member of any.
   */
  public List<AuthKitOrganization> getOrganizations() {
    if (credentialType == CredentialType.API_KEY || !(directory.organizationsOf(id) instanceof MembershipList.Listed listed)) {
      return List.of();
    }
    return listed.memberships().stream()
        .map(m -> new AuthKitOrganization(m.organizationId(), m.organizationName(), m.role(),
            m.organizationId().equals(organizationId)))
        .toList();
  }

  /** The user's role in the organization (e.g. {@code member}), or null (always for an API key). */
  public String getRole() {
    return role;
  }

  /** All the user's roles in the organization; never null. */
  public List<String> getRoles() {
    return roles;
  }

  /** The user's (or the API key's) permissions (e.g. {@code reports:read}); never null. */
  public List<String> getPermissions() {
    return permissions;
  }

  /** The organization's entitlements; never null. */
  public List<String> getEntitlements() {
    return entitlements;
  }

  /** The feature flags enabled for the user; never null. */
  public List<String> getFeatureFlags() {
    return featureFlags;
  }

  /** Who is impersonating this user, or null when nobody is. */
  public Impersonator getImpersonator() {
    return impersonator;
  }

  /** Whether a WorkOS admin is impersonating this user. */
  public boolean isImpersonated() {
    return impersonator != null;
  }

  /**
   * The current WorkOS access token (a JWT), for calling your own APIs on the user's behalf: the
   * session's, or the one the request came with. Null for an API key. It is a bearer credential:
   * do not log it or send it to the browser.
   */
  public String getAccessToken() {
    return accessToken;
  }

  /** What the caller proved who they are with: the session cookie, an access token, or an API key. */
  public CredentialType getCredentialType() {
    return credentialType;
  }

  /** The customer's API key the request came with, or null when it came with anything else. */
  public ApiKey getApiKey() {
    return apiKey;
  }

  /** Whether this principal shows exactly this caller. */
  boolean isFrom(Caller caller) {
    return source.equals(caller);
  }

  /** The caller this principal shows. */
  Caller caller() {
    return source;
  }

  /** Whether the user has this role. */
  public boolean hasRole(String roleName) {
    return roleName != null && roles.contains(roleName);
  }

  /** Whether the user has this permission. */
  public boolean hasPermission(String permission) {
    return permission != null && permissions.contains(permission);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthKitPrincipal that && id.equals(that.id) && Objects.equals(sessionId, that.sessionId)
        && credentialType == that.credentialType && Objects.equals(apiKey, that.apiKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, sessionId, credentialType);
  }

  /** Identifies the user without any credential. */
  @Override
  public String toString() {
    return "AuthKitPrincipal[id=" + id + ", email=" + email + ", organizationId=" + organizationId
        + ", roles=" + roles + ", credential=" + credentialType + (apiKey != null ? ", apiKey=" + apiKey.id() : "")
        + (impersonator != null ? ", impersonated" : "") + "]";
  }
}
