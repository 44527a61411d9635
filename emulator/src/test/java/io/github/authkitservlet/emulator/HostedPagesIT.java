package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hosted sign-in, sign-up and organization pages, driven like a browser over HTTP. */
class HostedPagesIT {

  private static final String SEED = """
      {
        "users": [
          {"email": "ada@example.com", "password": "authkit-demo"},
          {"email": "multi@example.com", "password": "authkit-demo"}
        ],
        "organizations": [
          {"id": "org_one", "name": "One & Co", "memberships": [
            {"email": "ada@example.com"}, {"email": "multi@example.com"}]},
          {"id": "org_two", "name": "Two <Ltd>", "memberships": [{"email": "multi@example.com", "role": "admin"}]}
        ],
        "roles": [{"slug": "admin", "permissions": ["reports:read"]}]
      }
      """;

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension(b -> b.seedJson(SEED));

  private final HostedSignIn browser = new HostedSignIn();

  @Test
  void signInPageHasTheContractedElements(AuthKitEmulator emulator) throws Exception {
    HostedSignIn.Page page = browser.open(new PkceFlow().authorizeUrl(emulator, "login_hint=ada%40example.com"));
    assertEquals(200, page.status());
    String html = page.html();
    assertTrue(html.contains("<label for=\"email\">Email</label>"), html);
    assertTrue(html.contains("<input id=\"email\" name=\"email\" type=\"email\" value=\"ada@example.com\""), html);
    assertTrue(html.contains("<label for=\"password\">Password</label>"), html);
    assertTrue(html.contains("id=\"password\" name=\"password\" type=\"password\""), html);
    assertTrue(html.contains("id=\"sign-in\""), html);
    assertTrue(html.contains("id=\"cancel\""), html);
    assertTrue(html.contains("WorkOS emulator — not the real WorkOS"), html);
  }

  @Test
  void wrongPasswordShowsThePageAgainWithAMessage(AuthKitEmulator emulator) throws Exception {
    HostedSignIn.Page page = browser.open(new PkceFlow().authorizeUrl(emulator));
    HttpResponse<String> answer = browser.submit(page,
        Map.of("email", "ada@example.com", "password", "wrong", "action", "sign-in"));
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("Incorrect email or password."), answer.body());
    assertTrue(answer.body().contains("value=\"ada@example.com\""), "the email is kept");
    assertFalse(answer.body().contains("wrong"), "the password is never echoed");
    assertEquals(1, emulator.counter("sign_in.failed"));
  }

  @Test
  void cancelReturnsAccessDeniedWithState(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    HttpResponse<String> answer = browser.submit(browser.open(flow.authorizeUrl(emulator)), Map.of("action", "cancel"));
    assertEquals(302, answer.statusCode());
    String location = answer.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(PkceFlow.REDIRECT_URI + "?error=access_denied&error_description="), location);
    assertEquals(flow.state, HostedSignIn.queryParam(location, "state"));
    assertEquals(null, HostedSignIn.queryParam(location, "code"));
  }

  @Test
  void tamperedRedirectUriInTheFormIsRefused(AuthKitEmulator emulator) throws Exception {
    HostedSignIn.Page page = browser.open(new PkceFlow().authorizeUrl(emulator));
    HttpResponse<String> answer = browser.submit(page, Map.of("email", "ada@example.com", "password", "authkit-demo",
        "redirect_uri", "https://evil.example/steal", "action", "sign-in"));
    assertEquals(400, answer.statusCode());
    assertTrue(answer.headers().firstValue("Location").isEmpty());
  }

  @Test
  void severalMembershipsPickAnOrganization(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    HttpResponse<String> answer = browser.submit(browser.open(flow.authorizeUrl(emulator)),
        Map.of("email", "multi@example.com", "password", "authkit-demo", "action", "sign-in"));
    assertEquals(200, answer.statusCode());
    String html = answer.body();
    assertTrue(html.contains("name=\"organization_id\" id=\"org-org_one\" value=\"org_one\""), html);
    assertTrue(html.contains("<label for=\"org-org_two\">Two &lt;Ltd&gt;</label>"), html);
    assertTrue(html.contains("One &amp; Co"), html);
    assertTrue(html.contains("id=\"continue\""), html);

    HostedSignIn.Page picker = new HostedSignIn.Page(200, html, java.net.URI.create(emulator.baseUrl() + "/"));
    HttpResponse<String> chosen = browser.submit(picker, Map.of("organization_id", "org_two"));
    assertEquals(302, chosen.statusCode(), chosen.body());
    String location = chosen.headers().firstValue("Location").orElseThrow();
    assertEquals(flow.state, HostedSignIn.queryParam(location, "state"));
    JsonObject tokens = EmulatorHttp.json(new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, HostedSignIn.queryParam(location, "code"))));
    assertEquals("org_two", tokens.getString("organization_id"));

    // The ticket is single use.
    assertEquals(400, browser.submit(picker, Map.of("organization_id", "org_one")).statusCode());
  }

  @Test
  void pickingAnOrganizationYouAreNotInShowsThePickerAgain(AuthKitEmulator emulator) throws Exception {
    HttpResponse<String> answer = browser.submit(browser.open(new PkceFlow().authorizeUrl(emulator)),
        Map.of("email", "multi@example.com", "password", "authkit-demo", "action", "sign-in"));
    HostedSignIn.Page picker = new HostedSignIn.Page(200, answer.body(),
        java.net.URI.create(emulator.baseUrl() + "/"));
    HttpResponse<String> again = browser.submit(picker, Map.of("organization_id", "org_other"));
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("Choose one of your organizations."), again.body());
  }

  @Test
  void requestedOrganizationMustBeOneOfTheUsers(AuthKitEmulator emulator) throws Exception {
    HttpResponse<String> answer = browser.submit(browser.open(new PkceFlow().authorizeUrl(emulator,
        "organization_id=org_two")), Map.of("email", "ada@example.com", "password", "authkit-demo",
        "action", "sign-in"));
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("not a member of the requested organization"), answer.body());
  }

  @Test
  void signUpCreatesAUserWhoCanSignInAfterwards(AuthKitEmulator emulator) throws Exception {
    PkceFlow flow = new PkceFlow();
    HostedSignIn.Page page = browser.open(flow.authorizeUrl(emulator, "screen_hint=sign-up"));
    assertTrue(page.html().contains("id=\"sign-up\""), page.html());
    assertTrue(page.html().contains("<h1>Sign up</h1>"), page.html());

    HttpResponse<String> tooShort = browser.submit(page, Map.of("email", "new@example.com", "password", "short",
        "action", "sign-up"));
    assertTrue(tooShort.body().contains("at least 8 characters"), tooShort.body());
    HttpResponse<String> taken = browser.submit(page, Map.of("email", "ADA@example.com", "password", "long-enough",
        "action", "sign-up"));
    assertTrue(taken.body().contains("already exists"), taken.body());

    HttpResponse<String> created = browser.submit(page, Map.of("email", "new@example.com",
        "password", "new-password", "first_name", "Nova", "last_name", "Newton", "action", "sign-up"));
    assertEquals(302, created.statusCode(), created.body());
    JsonObject tokens = EmulatorHttp.json(new EmulatorHttp(emulator).postJson("/user_management/authenticate",
        flow.codeGrant(emulator, HostedSignIn.queryParam(created.headers().firstValue("Location").orElseThrow(),
            "code"))));
    assertEquals("new@example.com", tokens.getJsonObject("user").getString("email"));
    assertEquals("Nova", tokens.getJsonObject("user").getString("first_name"));
    assertEquals(1, emulator.counter("sign_up"));

    String location = browser.signIn(new PkceFlow().authorizeUrl(emulator), "new@example.com", "new-password");
    assertTrue(location.contains("code="), location);

    emulator.reset();
    HttpResponse<String> gone = browser.submit(browser.open(new PkceFlow().authorizeUrl(emulator)),
        Map.of("email", "new@example.com", "password", "new-password", "action", "sign-in"));
    assertTrue(gone.body().contains("Incorrect email or password."), "reset goes back to the seed");
  }
}
