package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.Organization;
import io.github.authkitservlet.emulator.data.User;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosted AuthKit sign-in: {@code GET /user_management/authorize} shows the page, the form
 * POSTs back here, and a successful sign-in answers 302 {@code redirect_uri?code=…&state=…}.
 */
public final class AuthorizeEndpoint {

  /** Codes live 10 minutes, as WorkOS documents. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
  /**
   * Marks a browser that a dashboard impersonation sent to the application's sign-in endpoint:
   * its next authorize request completes as the impersonated user. Scoped to this path, single use.
   */
  static final String IMPERSONATION_COOKIE = "workos-emulator-impersonation";
  /** How long an impersonation link, and the browser it marked, stay usable. */
  static final Duration IMPERSONATION_LIFETIME = Duration.ofMinutes(5);

  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");

  private record PendingSignIn(AuthorizeRequest request, String userId) { }

  private final Directory directory;
  private final Counters counters;
  private final OneTimeStore<AuthorizationCode> codes;
  private final OneTimeStore<PendingSignIn> pending;
  private final OneTimeStore<Impersonation> impersonatedBrowsers;

  public AuthorizeEndpoint(Directory directory, Counters counters, Clock clock) {
    this.directory = directory;
    this.counters = counters;
    this.codes = new OneTimeStore<>(clock, CODE_LIFETIME);
    this.pending = new OneTimeStore<>(clock, CODE_LIFETIME);
    this.impersonatedBrowsers = new OneTimeStore<>(clock, IMPERSONATION_LIFETIME);
  }

  public void reset() {
    codes.clear();
    pending.clear();
    impersonatedBrowsers.clear();
  }

  /** Redeems a code (single use): empty when unknown, used or expired. */
  Optional<AuthorizationCode> redeem(String code) {
    return codes.take(code);
  }

  public Response show(Request r) {
    counters.increment("authorize");
    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(name -> r.query(name).orElse(null), directory);
    } catch (AuthorizeRequest.Invalid e) {
      return Response.html(400, Pages.error(e.getMessage()));
    }
    Optional<String> marked = r.cookie(IMPERSONATION_COOKIE);
    if (marked.isEmpty()) {
      return Response.html(200, Pages.signIn(request, request.loginHint(), null));
    }
    // Used up whether or not it fits this request: the mark is good for one sign-in attempt.
    Optional<Impersonation> impersonation = impersonatedBrowsers.take(marked.get())
        .filter(i -> i.client().clientId().equals(request.client().clientId()));
    Response answer = Response.html(200, Pages.signIn(request, request.loginHint(), null));
    if (impersonation.isPresent()) {
      Impersonation i = impersonation.get();
      answer = redirectWithCode(request.redirectUri(), request.state(), new AuthorizationCode(
          request.client().clientId(), request.redirectUri(), i.userId(), i.organizationId(), request.codeChallenge(),
          i.impersonator()));
    }
    return answer.withHeader("Set-Cookie", impersonationCookie("", 0));
  }

  /**
   * Marks the browser for the impersonation's next authorize request (the cookie to set), as
   * WorkOS does before it sends the browser to the application's sign-in endpoint.
   */
  String markBrowser(Impersonation impersonation) {
    return impersonationCookie(impersonatedBrowsers.put(impersonation), IMPERSONATION_LIFETIME.toSeconds());
  }

  private static String impersonationCookie(String value, long maxAgeSeconds) {
    return IMPERSONATION_COOKIE + "=" + value + "; Path=/user_management/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax";
  }

  /**
   * The code for an application without a sign-in endpoint: WorkOS sends the browser straight to
   * the redirect URI with a code and no {@code state}, and the code has no PKCE challenge.
   */
  Response straightToCallback(Impersonation impersonation) {
    return redirectWithCode(impersonation.redirectUri(), null, new AuthorizationCode(
        impersonation.client().clientId(), impersonation.redirectUri(), impersonation.userId(),
        impersonation.organizationId(), null, impersonation.impersonator()));
  }

  public Response submit(Request r) {
    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(name -> r.param(name).orElse(null), directory);
    } catch (AuthorizeRequest.Invalid e) {
      return Response.html(400, Pages.error(e.getMessage()));
    }
    String action = r.param("action").orElse(request.signUp() ? "sign-up" : "sign-in");
    String email = r.param("email").map(String::trim).orElse(null);
    String password = r.param("password").orElse(null);
    return switch (action) {
      case "cancel" -> cancel(request);
      case "sign-up" -> signUp(request, email, password, r.param("first_name").orElse(null),
          r.param("last_name").orElse(null));
      case "sign-in" -> signIn(request, email, password);
      default -> Response.html(400, Pages.error("Unknown form action."));
    };
  }

  public Response chooseOrganization(Request r) {
    Optional<PendingSignIn> sign = pending.take(r.param("ticket").orElse(null));
    if (sign.isEmpty()) {
      return Response.html(400, Pages.error("This sign-in has expired or was already completed. Start again from "
          + "the application."));
    }
    PendingSignIn p = sign.get();
    String orgId = r.param("organization_id").orElse(null);
    if (orgId == null || directory.membership(p.userId(), orgId).isEmpty()) {
      return organizationPage(p, "Choose one of your organizations.");
    }
    return complete(p.request(), p.userId(), orgId);
  }

  private Response cancel(AuthorizeRequest request) {
    counters.increment("authorize.cancel");
    StringBuilder location = new StringBuilder(request.redirectUri())
        .append(request.redirectUri().contains("?") ? '&' : '?')
        .append("error=access_denied&error_description=")
        .append(encode("The user cancelled the sign-in."));
    if (request.state() != null) {
      location.append("&state=").append(encode(request.state()));
    }
    return Response.redirect(location.toString());
  }

  private Response signIn(AuthorizeRequest request, String email, String password) {
    Optional<User> user = directory.userByEmail(email);
    if (user.isEmpty() || user.get().password() == null || password == null
        || !MessageDigest.isEqual(user.get().password().getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8))) {
      counters.increment("sign_in.failed");
      return Response.html(200, Pages.signIn(request, email, "Incorrect email or password."));
    }
    return afterAuthentication(request, user.get());
  }

  private Response signUp(AuthorizeRequest request, String email, String password, String first, String last) {
    if (email == null || !EMAIL.matcher(email).matches()) {
      return Response.html(200, Pages.signIn(request, email, "Enter a valid email address."));
    }
    if (password == null || password.length() < 8) {
      return Response.html(200, Pages.signIn(request, email, "Choose a password of at least 8 characters."));
    }
    if (directory.userByEmail(email).isPresent()) {
      return Response.html(200, Pages.signIn(request, email, "An account with this email already exists. "
          + "Sign in instead."));
    }
    User user;
    try {
      user = directory.signUp(email, password, first, last);
    } catch (IllegalStateException raced) {
      return Response.html(200, Pages.signIn(request, email, "An account with this email already exists."));
    }
    counters.increment("sign_up");
    return afterAuthentication(request, user);
  }

  private Response afterAuthentication(AuthorizeRequest request, User user) {
    List<Membership> memberships = directory.memberships(user.id());
    if (request.organizationId() != null) {
      if (memberships.stream().noneMatch(m -> m.organizationId().equals(request.organizationId()))) {
        return Response.html(200, Pages.signIn(request, user.email(),
            "This account is not a member of the requested organization."));
      }
      return complete(request, user.id(), request.organizationId());
    }
    if (memberships.size() > 1) {
      return organizationPage(new PendingSignIn(request, user.id()), null);
    }
    return complete(request, user.id(), memberships.isEmpty() ? null : memberships.get(0).organizationId());
  }

  private Response organizationPage(PendingSignIn sign, String message) {
    List<Organization> orgs = directory.memberships(sign.userId()).stream()
        .map(m -> directory.organization(m.organizationId()).orElseThrow())
        .toList();
    String ticket = pending.put(sign);
    return Response.html(200, Pages.organizationPicker(ticket, orgs, message));
  }

  private Response complete(AuthorizeRequest request, String userId, String organizationId) {
    return redirectWithCode(request.redirectUri(), request.state(), new AuthorizationCode(request.client().clientId(),
        request.redirectUri(), userId, organizationId, request.codeChallenge(), null));
  }

  private Response redirectWithCode(String redirectUri, String state, AuthorizationCode issued) {
    counters.increment(issued.impersonator() == null ? "sign_in" : "sign_in.impersonated");
    String code = codes.put(issued);
    StringBuilder location = new StringBuilder(redirectUri)
        .append(redirectUri.contains("?") ? '&' : '?')
        .append("code=").append(encode(code));
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    return Response.redirect(location.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
