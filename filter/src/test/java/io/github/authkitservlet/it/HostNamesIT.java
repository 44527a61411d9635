package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One deployment under several host names ({@code workos.redirect-uri} lists one per origin), behind
 * Tomcat's RemoteIpValve, and sign-outs that ask where to go ({@code /logout?returnTo=}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostNamesIT {

  static final TestWorld WORLD = TestWorld.start();
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final int PORT = Integer.getInteger("authkit.it.port", 18931);
  static final String CONTEXT = "/authkit-hosts";
  static final String ON_LOCALHOST = "http://localhost:" + PORT + CONTEXT + "/callback";
  static final String ON_LOOPBACK = "http://127.0.0.1:" + PORT + CONTEXT + "/callback";
  static final String BEHIND_PROXY = "https://app.example.com" + CONTEXT + "/callback";
  static final String LISTED_ELSEWHERE = "http://127.0.0.1:" + PORT + "/goodbye-page";

  @ArquillianResource
  URL base;


  @Deployment(testable = false)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT, ON_LOCALHOST + ", " + ON_LOOPBACK + ", " + BEHIND_PROXY, "",
            "<context-param><param-name>workos.logout-return-uris</param-name><param-value>" + LISTED_ELSEWHERE
                + "</param-value></context-param>")
        // What a proxy's own server.xml would say: the forwarded scheme and host are the request's.
        .addAsManifestResource(new StringAsset("""
            <Context>
              <Valve className="org.apache.catalina.valves.RemoteIpValve" remoteIpHeader="X-Forwarded-For"
                     protocolHeader="X-Forwarded-Proto" hostHeader="X-Forwarded-Host"/>
            </Context>
            """), "context.xml");
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
  }

  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged();
  }

  URI on(String host, String path) {
    return URI.create("http://" + host + ":" + PORT + CONTEXT + path);
  }

  /** The sign-in's redirect URI and flow cookie for a request with these headers. */
  RawHttp.Response login(String... headers) {
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      pairs.add(new String[] {headers[i], headers[i + 1]});
    }
    RawHttp.Response response = new RawHttp(URI.create(base.toString())).send("GET", CONTEXT + "/login", pairs);
    assertEquals(302, response.status(), response.body());
    return response;
  }

  static String redirectUriOf(RawHttp.Response login) {
    return Browser.queryParam(URI.create(login.header("Location").orElseThrow()), "redirect_uri");
  }

  static boolean flowCookieIsSecure(RawHttp.Response login) {
    return login.all("set-cookie").stream().filter(c -> c.startsWith("wos-auth-flow-")).findFirst().orElseThrow()
        .contains("; Secure");
  }

  @Test
  void theCallbackUrlIsTheOneOnTheRequestsOriginElseTheFirst() {
    RawHttp.Response localhost = login("Host", "localhost:" + PORT);
    assertEquals(ON_LOCALHOST, redirectUriOf(localhost));
    assertFalse(flowCookieIsSecure(localhost));

    RawHttp.Response loopback = login("Host", "127.0.0.1:" + PORT);
    assertEquals(ON_LOOPBACK, redirectUriOf(loopback));

    // Behind the proxy, as the valve resolved it: https and the public host name.
    RawHttp.Response proxied = login("X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example.com");
    assertEquals(BEHIND_PROXY, redirectUriOf(proxied));
    assertTrue(flowCookieIsSecure(proxied), "cookie-secure=auto follows the chosen redirect URI");

    // Names the application was not given never become an address: the first one is used.
    for (String[] forged : List.of(new String[] {"Host", "evil.example"},
        new String[] {"X-Forwarded-Host", "evil.example"},
        new String[] {"X-Forwarded-Host", "app.example.com"})) {
      assertEquals(ON_LOCALHOST, redirectUriOf(login(forged[0], forged[1])), forged[0] + ": " + forged[1]);
    }
  }

  @Test
  void aSignInOnTheSecondHostNameStaysOnItAndSignsOutBackToIt() {
    Browser browser = WORLD.newBrowser();
    HttpResponse<String> first = browser.page(on("127.0.0.1", "/whoami"));
    HttpResponse<String> login = browser.page(Browser.location(first));
    assertEquals(ON_LOOPBACK, Browser.queryParam(Browser.location(login), "redirect_uri"));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com",
        "authkit-demo");
    assertEquals("127.0.0.1", Browser.location(toCallback).getHost());
    HttpResponse<String> landed = browser.follow(browser.page(Browser.location(toCallback)));
    assertEquals(200, landed.statusCode(), landed.body());
    assertEquals("ada@example.com", Browser.json(landed).getString("email"));

    HttpResponse<String> logout = browser.page(on("127.0.0.1", "/logout"));
    assertEquals("http://127.0.0.1:" + PORT + CONTEXT + "/", Browser.queryParam(Browser.location(logout), "return_to"));
  }

  /** Signs in on localhost and signs out asking for {@code returnTo}; where WorkOS is told to return. */
  String signedOutTo(String returnTo) {
    Browser browser = WORLD.newBrowser();
    HttpResponse<String> login = browser.page(on("localhost", "/login?returnTo=/whoami"));
    browser.follow(browser.page(Browser.location(browser.submitSignIn(browser.page(Browser.location(login)),
        "ada@example.com", "authkit-demo"))));
    HttpResponse<String> logout = browser.page(on("localhost", "/logout?returnTo="
        + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)));
    assertEquals(302, logout.statusCode(), logout.body());
    URI workosLogout = Browser.location(logout);
    assertTrue(workosLogout.toString().startsWith(WORKOS.baseUrl() + "/user_management/sessions/logout?"),
        workosLogout.toString());
    String destination = Browser.queryParam(workosLogout, "return_to");
    assertEquals(URI.create(destination), Browser.location(browser.page(workosLogout)), "WorkOS returns there");
    return destination;
  }

  @Test
  void aSignOutReturnsToAPathInsideTheApplicationOrAListedUrlAndNowhereElse() {
    String root = "http://localhost:" + PORT + CONTEXT + "/";
    assertEquals(root + "bye?from=menu", signedOutTo("/bye?from=menu"));
    assertEquals(LISTED_ELSEWHERE, signedOutTo(LISTED_ELSEWHERE));
    for (String refused : List.of("https://evil.example/", "//evil.example/", "/\\evil.example", LISTED_ELSEWHERE + "?x=1",
        "/%0d%0aSet-Cookie:x=y")) {
      assertEquals(root, signedOutTo(refused), refused);
    }
  }

  @Test
  void anotherSitesSignOutLinkGetsTheConfirmationWhichKeepsTheReturnPath() {
    Browser browser = WORLD.newBrowser();
    HttpResponse<String> login = browser.page(on("localhost", "/login"));
    browser.follow(browser.page(Browser.location(browser.submitSignIn(browser.page(Browser.location(login)),
        "ada@example.com", "authkit-demo"))));

    HttpResponse<String> confirm = browser.send(HttpRequest.newBuilder(on("localhost", "/logout?returnTo=%2Fbye"))
        .header("Accept", Browser.HTML).header("Sec-Fetch-Site", "cross-site"));
    assertEquals(200, confirm.statusCode(), confirm.body());
    assertTrue(confirm.body().contains("action=\"" + CONTEXT + "/logout?returnTo=%2Fbye\""), confirm.body());
    assertEquals(200, browser.api(on("localhost", "/whoami")).statusCode(), "still signed in");

    HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(on("localhost", "/logout?returnTo=%2Fbye"))
        .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals("http://localhost:" + PORT + CONTEXT + "/bye", Browser.queryParam(Browser.location(posted), "return_to"));

    HttpResponse<String> foreign = browser.send(HttpRequest.newBuilder(on("localhost",
        "/logout?returnTo=https%3A%2F%2Fevil.example%2F")).header("Accept", Browser.HTML)
        .header("Sec-Fetch-Site", "cross-site"));
    assertTrue(foreign.body().contains("action=\"" + CONTEXT + "/logout\""), "a refused returnTo is not carried: "
        + foreign.body());
  }
}
