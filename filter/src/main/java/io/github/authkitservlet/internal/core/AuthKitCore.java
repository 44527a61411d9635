package io.github.authkitservlet.internal.core;

import io.github.authkitservlet.internal.authn.SessionAuthenticator;
import io.github.authkitservlet.internal.bearer.BearerAuthenticator;
import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.session.FlowStateCodec;
import io.github.authkitservlet.internal.workos.WorkOsClient;
import java.time.Clock;
import java.util.Optional;

/**
 * The decisions of one configuration: protecting requests (session cookies and bearer
 * credentials), starting a sign-in, finishing it, switching organizations, signing out, and taking
 * WorkOS's webhooks. Built once per configuration from its parts and shared by every adapter.
 *
 * <p>Internal API of authkit-servlet.
 */
public final class AuthKitCore {

  private final SecurityLogic security;
  private final SignInLogic signIn;
  private final CallbackLogic callback;
  private final SignOutLogic signOut;
  private final WebhookLogic webhooks;
  private final Addresses addresses;
  private final OrganizationDirectory organizations;
  private final OrganizationLogic organizationSwitch;

  public AuthKitCore(AuthKitConfig config, WorkOsClient workos, SessionAuthenticator authenticator,
      BearerAuthenticator bearers, FlowStateCodec flows, Clock clock) {
    this.addresses = new Addresses(config);
    this.security = new SecurityLogic(authenticator, bearers, config.cookieName());
    this.signIn = new SignInLogic(workos, flows, addresses, clock);
    this.callback = new CallbackLogic(workos, flows, authenticator, config.cookieName());
    this.signOut = new SignOutLogic(authenticator, workos, addresses);
    this.webhooks = config.webhookSecret().map(secret -> new WebhookLogic(authenticator, secret)).orElse(null);
    this.organizations = new OrganizationDirectory(workos, clock);
    this.organizationSwitch = new OrganizationLogic(authenticator, organizations, addresses, config.cookieName());
  }

  public SecurityLogic security() {
    return security;
  }

  public SignInLogic signIn() {
    return signIn;
  }

  public CallbackLogic callback() {
    return callback;
  }

  public SignOutLogic signOut() {
    return signOut;
  }

  /** WorkOS's webhooks; empty without {@code workos.webhook-secret}. */
  public Optional<WebhookLogic> webhooks() {
    return Optional.ofNullable(webhooks);
  }

  /** The users' organizations, as WorkOS lists them (kept briefly). */
  public OrganizationDirectory organizations() {
    return organizations;
  }

  public OrganizationLogic organizationSwitch() {
    return organizationSwitch;
  }

  /** The application's addresses, which the adapters' cookies follow too ({@code cookie-secure=auto}). */
  public Addresses addresses() {
    return addresses;
  }
}
