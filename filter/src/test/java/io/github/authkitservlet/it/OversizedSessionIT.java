package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session too big for a browser cookie (a user with hundreds of permissions) fails loudly, with
 * an error page and a log line, instead of being dropped silently into a sign-in loop.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OversizedSessionIT {

  static final String CONTEXT = "/authkit-big";
  static final TestWorld WORLD = new TestWorld(AuthKitEmulator.builder().port(0).seedJson(seed()).start());
  static final AuthKitEmulator WORKOS = WORLD.workos;

  @ArquillianResource
  URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT);
  }

  @AfterAll
  static void stop() {
    WORLD.close();
  }

  static String seed() {
    String permissions = IntStream.range(0, 300)
        .mapToObj(i -> "\"reports:region-" + i + ":read-quarterly-figures\"")
        .collect(Collectors.joining(","));
    return """
        {"users": [
           {"email": "big@example.com", "password": "authkit-demo", "first_name": "Big", "last_name": "Session"},
           {"email": "ada@example.com", "password": "authkit-demo", "first_name": "Ada", "last_name": "Lovelace"}],
         "organizations": [{"name": "Example Corp", "memberships": [
           {"email": "big@example.com", "role": "auditor"}, {"email": "ada@example.com", "role": "member"}]}],
         "roles": [{"slug": "auditor", "name": "Auditor", "permissions": [%s]},
                   {"slug": "member", "name": "Member", "permissions": []}]}
        """.formatted(permissions);
  }

  @Test
  void aSessionTooLargeForACookieFailsLoudly() {
    Browser browser = new Browser(Browser.newClient());
    URI start = URI.create(base.toString()).resolve("whoami");
    HttpResponse<String> signInPage = browser.follow(browser.page(start));
    HttpResponse<String> callback = browser.page(Browser.location(browser.submitSignIn(signInPage, "big@example.com", "authkit-demo")));

    assertEquals(500, callback.statusCode(), callback.body());
    assertTrue(callback.body().contains("Session too large"), callback.body());
    assertTrue(callback.body().contains("href=\"" + CONTEXT + "/login\""), callback.body());
    assertTrue(Browser.setCookie(callback, "wos-session").isEmpty(), "no cookie a browser would drop");
    assertTrue(WORLD.logs.lines().stream().anyMatch(l -> l.contains("SEVERE") && l.contains("session cookie not set")
        && l.contains("wos-session")), String.join("", WORLD.logs.lines()));
  }

  @Test
  void anOrdinarySessionInTheSameApplicationWorks() {
    Browser browser = new Browser(Browser.newClient());
    URI start = URI.create(base.toString()).resolve("whoami");
    HttpResponse<String> signInPage = browser.follow(browser.page(start));
    HttpResponse<String> page = browser.follow(browser.submitSignIn(signInPage, "ada@example.com", "authkit-demo"));
    assertEquals(200, page.statusCode(), page.body());
    assertEquals("ada@example.com", Browser.json(page).getString("email"));
  }
}
