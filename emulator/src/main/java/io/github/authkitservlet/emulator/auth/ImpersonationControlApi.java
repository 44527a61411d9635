package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Client;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Impersonator;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import jakarta.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Dashboard impersonation, as WorkOS runs it. {@code POST /_emulate/impersonations} plays the
 * dashboard's "Impersonate user" button and answers the link a test's browser opens; following it
 * ({@code GET /_emulate/impersonations/{ticket}}, single use, five minutes) does what WorkOS does
 * next. For a client with a sign-in endpoint ({@code initiate_login_uri}) the browser is marked
 * with a cookie and sent there, so the application starts an ordinary sign-in (with its own
 * {@code state} and PKCE) that completes without a password page. Without one, the browser goes
 * straight to the client's redirect URI with a code and no {@code state}.
 */
public final class ImpersonationControlApi {

  private static final int MAX_REASON_LENGTH = 1000;

  private final Directory directory;
  private final AuthorizeEndpoint authorize;
  private final Counters counters;
  private final Supplier<String> baseUrl;
  private final OneTimeStore<Impersonation> links;

  public ImpersonationControlApi(Directory directory, AuthorizeEndpoint authorize, Counters counters, Clock clock,
      Supplier<String> baseUrl) {
    this.directory = directory;
    this.authorize = authorize;
    this.counters = counters;
    this.baseUrl = baseUrl;
    this.links = new OneTimeStore<>(clock, AuthorizeEndpoint.IMPERSONATION_LIFETIME);
  }

  public void register(Router router) {
    router.post("/_emulate/impersonations", this::create)
        .get("/_emulate/impersonations/{ticket}", this::follow);
  }

  public void reset() {
    links.clear();
  }

  /** What the dashboard asks for: who, by whom, why, and in which organization. */
  public record Start(String email, String userId, String impersonatorEmail, String reason, String organizationId,
      String clientId, String redirectUri) { }

  /**
   * Starts an impersonation and answers the link the browser opens.
   *
   * @throws ApiException 404 for an unknown user or client, 422 for anything else the dashboard
   *     would not accept (no impersonator email, an organization the user is not in, no
   *     organization for a user with several, no redirect URI to send the code to)
   */
  public String start(Start request) {
    if (request.email() == null && request.userId() == null) {
      throw ApiException.missingFields(List.of("email"));
    }
    if (request.impersonatorEmail() == null) {
      throw ApiException.missingFields(List.of("impersonator_email"));
    }
    if (!AuthorizeEndpoint.EMAIL.matcher(request.impersonatorEmail()).matches()) {
      throw ApiException.api(422, "invalid_request_parameters", "impersonator_email must be an email address.");
    }
    if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
      throw ApiException.api(422, "invalid_request_parameters",
          "reason must be at most " + MAX_REASON_LENGTH + " characters.");
    }
    User user = ControlApiUsers.user(directory, request.email(), request.userId());
    Client client = request.clientId() == null ? directory.defaultClient() : directory.client(request.clientId())
        .orElseThrow(() -> ApiException.notFound("Client not found."));
    Impersonation impersonation = new Impersonation(client, user.id(), organization(user, request.organizationId()),
        new Impersonator(request.impersonatorEmail(), request.reason()), redirectUri(client, request.redirectUri()));
    return baseUrl.get() + "/_emulate/impersonations/" + links.put(impersonation);
  }

  /** The dashboard asks for an organization when the user has several, and only offers theirs. */
  private String organization(User user, String requested) {
    List<Membership> memberships = directory.memberships(user.id());
    if (requested != null) {
      ControlApiUsers.requireActiveMember(directory, user.id(), requested);
      return requested;
    }
    if (memberships.size() > 1) {
      throw ApiException.api(422, "invalid_request_parameters", "The user is a member of " + memberships.size()
          + " organizations: choose one with organization_id, as the WorkOS dashboard asks.");
    }
    return memberships.isEmpty() ? null : memberships.get(0).organizationId();
  }

  /** Where the code goes when the client has no sign-in endpoint; null when it has one. */
  private static String redirectUri(Client client, String requested) {
    if (client.initiateLoginUri() != null) {
      return null;
    }
    if (requested != null) {
      if (!client.allowsRedirectUri(requested)) {
        throw ApiException.api(422, "invalid_request_parameters", "redirect_uri is not registered for the client.");
      }
      return requested;
    }
    return client.defaultRedirectUri().orElseThrow(() -> ApiException.api(422, "invalid_request_parameters",
        "The client has neither a sign-in endpoint (initiate_login_uri) nor a redirect URI without wildcards: "
            + "pass redirect_uri."));
  }

  private Response create(Request r) {
    String url = start(new Start(r.param("email").orElse(null), r.param("user_id").orElse(null),
        r.param("impersonator_email").orElse(null), r.param("reason").orElse(null),
        r.param("organization_id").orElse(null), r.param("client_id").orElse(null),
        r.param("redirect_uri").orElse(null)));
    return Response.json(201, Json.createObjectBuilder().add("url", url).build());
  }

  /** The browser arrives from the "dashboard": on to the sign-in endpoint, or straight to the callback. */
  private Response follow(Request r) {
    Impersonation impersonation = links.take(r.pathParam("ticket")).orElse(null);
    if (impersonation == null) {
      return Response.html(404, Pages.notice("Impersonation link expired",
          "This impersonation link has expired or was already used. Start the impersonation again."));
    }
    counters.increment("impersonation");
    String signInEndpoint = impersonation.client().initiateLoginUri();
    if (signInEndpoint == null) {
      return authorize.straightToCallback(impersonation);
    }
    return Response.redirect(signInEndpoint).withHeader("Set-Cookie", authorize.markBrowser(impersonation));
  }
}
