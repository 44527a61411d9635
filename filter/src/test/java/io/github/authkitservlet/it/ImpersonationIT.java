package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.it.app.RecordingListener;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WorkOS dashboard impersonation, both ways WorkOS runs it, against the emulator's control call.
 * An application whose sign-in endpoint ({@code initiate_login_uri}) is its login servlet gets the
 * browser there: an ordinary sign-in with its own state and PKCE, which completes as the
 * impersonated user. An application without one gets a code and no state at its callback: the code
 * is never exchanged (it could be anyone's), and the browser starts a sign-in of its own instead.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImpersonationIT {

  static final int PORT = Integer.getInteger("authkit.it.port", 18931);
  static final String WITH_ENDPOINT = "/authkit-imp";
  static final String WITHOUT_ENDPOINT = "/authkit-imp-direct";
  static final String ENDPOINT_CLIENT = "client_with_sign_in_endpoint";
  static final String DIRECT_CLIENT = "client_without_sign_in_endpoint";
  static final TestWorld WORLD = new TestWorld(AuthKitEmulator.builder().port(0).seedJson(seed()).start());
  static final AuthKitEmulator WORKOS = WORLD.workos;
  /** Plays the WorkOS dashboard's server-side calls. */
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @ArquillianResource
  @OperateOnDeployment("endpoint")
  URL withEndpoint;

  @ArquillianResource
  @OperateOnDeployment("direct")
  URL withoutEndpoint;


  /** The emulator's own seed, with the two applications as WorkOS clients. */
  static String seed() {
    try (InputStream in = AuthKitEmulator.class.getResourceAsStream("data/default-seed.json")) {
      JsonObject seed = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
          .readObject();
      String origin = "http://localhost:" + PORT;
      JsonObjectBuilder withEndpoint = Json.createObjectBuilder()
          .add("client_id", ENDPOINT_CLIENT)
          .add("api_keys", Json.createArrayBuilder().add("sk_test_impersonation_endpoint"))
          .add("redirect_uris", Json.createArrayBuilder().add(origin + WITH_ENDPOINT + "/callback"))
          .add("homepage", origin + WITH_ENDPOINT + "/")
          .add("initiate_login_uri", origin + WITH_ENDPOINT + "/login");
      JsonObjectBuilder direct = Json.createObjectBuilder()
          .add("client_id", DIRECT_CLIENT)
          .add("api_keys", Json.createArrayBuilder().add("sk_test_impersonation_direct"))
          .add("redirect_uris", Json.createArrayBuilder().add(origin + WITHOUT_ENDPOINT + "/callback"))
          .add("homepage", origin + WITHOUT_ENDPOINT + "/");
      return Json.createObjectBuilder(seed)
          .add("clients", Json.createArrayBuilder().add(withEndpoint).add(direct))
          .build().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Deployment(name = "endpoint", testable = false, order = 1)
  static WebArchive endpointDeployment() {
    return TestApp.war(WORKOS, ENDPOINT_CLIENT, "sk_test_impersonation_endpoint", WITH_ENDPOINT,
            WITH_ENDPOINT + "/callback", "", "<context-param><param-name>workos.listeners</param-name><param-value>"
                + RecordingListener.class.getName() + "</param-value></context-param>")
        .addClass(RecordingListener.class);
  }

  @Deployment(name = "direct", testable = false, order = 2)
  static WebArchive directDeployment() {
    return TestApp.war(WORKOS, DIRECT_CLIENT, "sk_test_impersonation_direct", WITHOUT_ENDPOINT,
        WITHOUT_ENDPOINT + "/callback", "", "");
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
    ListenerLog.clear();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged();
  }

  static URI at(URL base, String path) {
    return URI.create(base.toString()).resolve(path.substring(1));
  }

  /** What the WorkOS dashboard's "Impersonate user" answers: the link the admin's browser opens. */
  static URI impersonate(String email, String reason, String clientId) {
    String body = Json.createObjectBuilder().add("email", email).add("impersonator_email", "support@example.com")
        .add("reason", reason).add("client_id", clientId).build().toString();
    try {
      HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(WORKOS.baseUrl() + "/_emulate/impersonations"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());
      return URI.create(Json.createReader(new StringReader(created.body())).readObject().getString("url"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void throughTheSignInEndpointTheImpersonationCompletesWithStateAndPkce() {
    Browser admin = WORLD.newBrowser();
    HttpResponse<String> link = admin.page(impersonate("ada@example.com", "Ticket 42", ENDPOINT_CLIENT));
    assertEquals(at(withEndpoint, "/login"), Browser.location(link), "WorkOS sends the browser to the sign-in endpoint");

    HttpResponse<String> login = admin.page(Browser.location(link));
    URI authorize = Browser.location(login);
    assertTrue(authorize.getRawQuery().contains("state=") && authorize.getRawQuery().contains("code_challenge="),
        authorize.toString());
    HttpResponse<String> toCallback = admin.page(authorize);
    assertTrue(Browser.location(toCallback).getRawQuery().contains("state="), "no password page, and our state back");
    HttpResponse<String> callback = admin.page(Browser.location(toCallback));
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(at(withEndpoint, "/"), Browser.location(callback));

    HttpResponse<String> me = admin.api(at(withEndpoint, "/whoami"));
    JsonObject whoami = Browser.json(me);
    assertEquals("ada@example.com", whoami.getString("email"));
    assertTrue(whoami.getBoolean("impersonated"));
    assertEquals("support@example.com", whoami.getString("impersonator"));
    assertEquals("Ticket 42", whoami.getString("impersonationReason"));
    assertEquals(1, WORKOS.counter("sign_in.impersonated"));
    assertEquals(1, ListenerLog.lines().size(), ListenerLog.lines().toString());
    assertTrue(ListenerLog.lines().get(0).matches("signedIn ada@example\\.com Impersonation org_\\S+ null"
        + " support@example\\.com/Ticket 42 " + WITH_ENDPOINT + "/callback"), ListenerLog.lines().get(0));
  }

  @Test
  void straightToTheCallbackTheCodeIsNeverExchangedAndTheBrowserSignsInAfresh() {
    Browser admin = WORLD.newBrowser();
    HttpResponse<String> link = admin.page(impersonate("ada@example.com", "Ticket 43", DIRECT_CLIENT));
    URI callbackWithCode = Browser.location(link);
    assertEquals(WITHOUT_ENDPOINT + "/callback", callbackWithCode.getPath());
    assertTrue(callbackWithCode.getRawQuery().startsWith("code=") && !callbackWithCode.getRawQuery().contains("state="),
        callbackWithCode.toString());

    HttpResponse<String> callback = admin.page(callbackWithCode);
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(at(withoutEndpoint, "/login?restarted=1"), Browser.location(callback));
    assertTrue(Browser.setCookie(callback, "wos-session").isEmpty(), "no session from a code the browser was handed");
    assertEquals(0, WORKOS.counter("grant.authorization_code"), "the code was never exchanged");

    HttpResponse<String> hostedPage = admin.page(Browser.location(admin.page(Browser.location(callback))));
    assertEquals(200, hostedPage.statusCode(), "a sign-in page, not an error: " + hostedPage.body());
    HttpResponse<String> toCallback = admin.submitSignIn(hostedPage, "grace@example.com", "authkit-demo");
    HttpResponse<String> signedIn = admin.page(Browser.location(toCallback));
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    JsonObject whoami = Browser.json(admin.api(at(withoutEndpoint, "/whoami")));
    assertEquals("grace@example.com", whoami.getString("email"), "whoever signs in on the page, not the code's user");
    assertEquals(false, whoami.getBoolean("impersonated"));
  }
}
