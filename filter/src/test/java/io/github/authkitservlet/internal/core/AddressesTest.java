package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.SignInLogic.SignInRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One deployment under several host names: the redirect URI sent to WorkOS, the sign-out
 * destination and {@code cookie-secure=auto} follow the configured redirect URI on the request's
 * origin (as the container resolved it), else the first; a request never names a host itself.
 */
class AddressesTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  static final String REDIRECT_URIS =
      "https://app.example.com/app/callback, http://localhost:8080/app/callback, https://app.example.de:8443/app/callback";

  CoreFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new CoreFixture(WORKOS.emulator(), Map.of("workos.redirect-uri", REDIRECT_URIS));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "a request on {0}")
  @CsvSource({
      "https://app.example.com,     https://app.example.com/app/callback,     https://app.example.com/app/,     true",
      "http://localhost:8080,       http://localhost:8080/app/callback,       http://localhost:8080/app/,       false",
      "https://app.example.de:8443, https://app.example.de:8443/app/callback, https://app.example.de:8443/app/, true",
      // Not configured: the first, whatever the request says.
      "http://app.example.com,      https://app.example.com/app/callback,     https://app.example.com/app/,     true",
      "https://app.example.de,      https://app.example.com/app/callback,     https://app.example.com/app/,     true",
      "http://evil.example,         https://app.example.com/app/callback,     https://app.example.com/app/,     true",
      "http://localhost:9090,       https://app.example.com/app/callback,     https://app.example.com/app/,     true",
  })
  void everyAddressFollowsTheRedirectUriOnTheRequestsOrigin(String requestOrigin, String redirectUri,
      String signedOutTo, boolean https) {
    Decision.Redirect toWorkOs = (Decision.Redirect) fixture.core.signIn().start(
        new SignInRequest(requestOrigin, "/", null, null, null, null, null, false, Map.of()), null, CoreFixture.SITE);
    assertEquals(redirectUri, SignInFlow.query(URI.create(toWorkOs.location())).get("redirect_uri"));

    Decision signOut = fixture.core.signOut().signOut(FakeFacts.get("/logout").origin(requestOrigin).build(), List.of(),
        "/app/logout", CoreFixture.SITE);
    assertEquals("redirect " + signedOutTo + " [no-store ClearSession]", CoreFixture.describe(signOut));

    assertEquals(https, fixture.core.addresses().servesOverHttps(requestOrigin), "cookie-secure=auto");
  }

  @ParameterizedTest(name = "Origin {1} on a request on {0}")
  @CsvSource({
      "http://localhost:8080,   http://localhost:8080,   signs out",
      "https://app.example.com, https://app.example.com, signs out",
      // Another of the application's own host names is another site for this request.
      "http://localhost:8080,   https://app.example.com, asks first",
      "https://app.example.com, http://localhost:8080,   asks first",
  })
  void aSignOutFromAnotherOfTheHostNamesIsConfirmed(String requestOrigin, String originHeader, String expected) {
    Decision decision = fixture.core.signOut().signOut(FakeFacts.get("/logout").method("POST").origin(requestOrigin)
        .header("Origin", originHeader).build(), List.of(), "/app/logout", CoreFixture.SITE);
    assertEquals(expected.equals("asks first"), decision instanceof Decision.ConfirmSignOut, CoreFixture.describe(decision));
  }
}
