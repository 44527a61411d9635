package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.internal.session.IronSeal;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.testsupport.TokenMint;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input against the deployed filter and servlets: hundreds of table rows, each
 * reported as its own test, each with its expected status and never a 500, a stack trace or a
 * secret in the answer; after each table, no secret in any log line.
 *
 * <p>Requests go over a plain socket ({@link RawHttp}) so that the rows can hold what a browser
 * library refuses to send (a forged {@code Host}, raw CR/LF, backslashes); sign-ins are walked with
 * {@link Browser} against the emulator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

  /** The emulator signs with a key the test holds, so rows can carry well-signed tokens WorkOS would never issue. */
  static final TokenMint MINT = TokenMint.generate(SharedTestClock.INSTANCE);
  static final TestWorld WORLD = new TestWorld(AuthKitEmulator.builder().port(0).signingKey(MINT.pem()).start());
  static final AuthKitEmulator WORKOS = WORLD.workos;
  static final String CONTEXT = "/authkit-hostile";
  static final String ABSOLUTE_CONTEXT = "/authkit-hostile-abs";
  /** The application the container protects, through AuthKitSecurityListener (bearer table). */
  static final String CONTAINER_CONTEXT = "/authkit-hostile-container";
  static final int PORT = Integer.getInteger("authkit.it.port", 18931);
  /** The redirect-uri of the second deployment: absolute, so no request header can move it. */
  static final String ABSOLUTE_REDIRECT = "http://localhost:" + PORT + ABSOLUTE_CONTEXT + "/callback";
  static final String PASSWORD = "authkit-demo";
  static final String SESSION = "wos-session";
  static final HttpClient HTTP = Browser.newClient();
  static final Map<String, Integer> CASES_PER_TABLE = new LinkedHashMap<>();

  /** What no answer and no log line may contain; grows with every credential a table learns. */
  final List<String> secrets = new ArrayList<>(List.of(WORKOS.apiKey(), TestApp.COOKIE_PASSWORD));

  @ArquillianResource
  @OperateOnDeployment("app")
  URL base;

  @ArquillianResource
  @OperateOnDeployment("absolute")
  URL absoluteBase;

  /** Its main filter also takes customers' API keys on /api/* (bearer table). */
  @Deployment(name = "app", testable = false, order = 1)
  static WebArchive deployment() {
    return TestApp.war(WORKOS, CONTEXT, CONTEXT + "/callback",
        "<init-param><param-name>bearer</param-name><param-value>access-token api-key</param-value></init-param>");
  }

  /** Also the deployment whose application answers CORS preflights itself ({@code cors-preflight=pass}). */
  @Deployment(name = "absolute", testable = false, order = 2)
  static WebArchive absoluteDeployment() {
    return TestApp.war(WORKOS, ABSOLUTE_CONTEXT, ABSOLUTE_REDIRECT,
        "<init-param><param-name>cors-preflight</param-name><param-value>pass</param-value></init-param>");
  }

  @Deployment(name = "container", testable = false, order = 3)
  static WebArchive containerDeployment() {
    return TestApp.containerSecured(WORKOS, CONTAINER_CONTEXT);
  }

  @AfterAll
  static void stopEmulator() {
    WORLD.close();
    // The figures docs/hardening.md quotes.
    CASES_PER_TABLE.forEach((table, count) -> System.out.printf("HostileInputIT %-12s %4d cases%n", table, count));
    System.out.printf("HostileInputIT %-12s %4d cases%n", "total",
        CASES_PER_TABLE.values().stream().mapToInt(Integer::intValue).sum());
  }

  @BeforeEach
  void freshWorld() {
    WORLD.reset();
  }

  /** No secret in any log line, checked once per table (the log is shared by all its rows). */
  @AfterEach
  void nothingSecretWasLogged() {
    WORLD.assertNothingSecretLogged(secrets);
  }

  // ---------------------------------------------------------------- shared checks

  RawHttp raw() {
    return new RawHttp(URI.create(base.toString()));
  }

  URI app(String path) {
    return URI.create(base.toString()).resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  Stream<DynamicTest> table(String table, List<HostileCase> cases) {
    CASES_PER_TABLE.merge(table, cases.size(), Integer::sum);
    return cases.stream().map(c -> dynamicTest(table + ": " + c.name(), () -> run(c)));
  }

  void run(HostileCase row) {
    RawHttp.Response response = raw().send(row.method(), row.target(), row.headers());
    String what = "[" + row.name() + "] " + row.method() + " " + printable(row.target()) + " -> " + response.status()
        + " " + clip(response.body());
    assertFalse(row.statuses().isEmpty(), "row without an expected status: " + what);
    assertTrue(row.statuses().contains(response.status()), "expected " + row.statuses() + ": " + what);
    if (row.byContainer()) {
      assertNotEquals(500, response.status(), what);
      noSecretIn(what, response.body());
    } else {
      neverBroken(what, response.status(), response.body());
    }
    for (Map.Entry<String, String> header : response.headers()) {
      if (!header.getKey().equals("set-cookie")) {
        noSecretIn(what + " header " + header.getKey(), header.getValue());
      }
    }
    row.then().accept(response);
  }

  /** The checks every answer passes: no 500, no stack trace, no secret. */
  void neverBroken(String what, int status, String body) {
    assertNotEquals(500, status, what);
    for (String trace : List.of("Exception", "\tat ", "at io.github", "at org.apache")) {
      assertFalse(body.contains(trace), "stack trace (" + trace.strip() + ") in " + what);
    }
    noSecretIn(what, body);
  }

  void noSecretIn(String what, String text) {
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a secret in " + what);
    }
  }

  static String clip(String text) {
    String flat = printable(text);
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  static String printable(String text) {
    String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\0", "\\0");
    return shown.length() > 200 ? shown.substring(0, 200) + "…(" + shown.length() + ")" : shown;
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The login redirect for an anonymous page request to {@code returnTo}. */
  static java.util.function.Consumer<RawHttp.Response> redirectsToLogin(String returnTo) {
    return r -> assertEquals(CONTEXT + "/login?returnTo=" + enc(returnTo), r.header("Location").orElse(""));
  }

  static java.util.function.Consumer<RawHttp.Response> unauthenticatedJson() {
    return r -> {
      assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
      assertTrue(r.body().contains("\"unauthenticated\""), r.body());
    };
  }

  static java.util.function.Consumer<RawHttp.Response> clearsSession(boolean cleared) {
    return r -> {
      Optional<String> line = r.setCookie(SESSION);
      if (cleared) {
        assertTrue(line.isPresent() && line.get().startsWith(SESSION + "=; Max-Age=0;"), "not cleared: " + r.all("set-cookie"));
      } else {
        assertTrue(line.isEmpty(), "unexpected: " + line);
      }
    };
  }

  /** An HTML error page of ours: escaped text and a way to try again, never a redirect. */
  static java.util.function.Consumer<RawHttp.Response> errorPage(String context) {
    return r -> {
      assertTrue(r.header("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
      assertTrue(r.body().contains("id=\"try-again\" href=\"" + context + "/login\""), clip(r.body()));
      assertTrue(r.header("Location").isEmpty(), "no redirect from an error page");
      for (String markup : List.of("<script", "<img", "<svg", "<iframe", "<b>")) {
        assertFalse(r.body().toLowerCase(java.util.Locale.ROOT).contains(markup), "unescaped " + markup + ": " + clip(r.body()));
      }
    };
  }

  /** Walks the whole sign-in from {@code start} with a new browser; returns the callback's answer. */
  HttpResponse<String> signInFrom(Browser browser, URI start) {
    HttpResponse<String> response = browser.page(start);
    int hops = 0;
    while (Browser.isRedirect(response.statusCode()) && !Browser.location(response).toString().startsWith(WORKOS.baseUrl())) {
      assertTrue(++hops < 5, "redirect loop at " + response.uri());
      response = browser.page(Browser.location(response));
    }
    assertTrue(Browser.isRedirect(response.statusCode()), "no redirect to WorkOS: " + response.statusCode() + " " + clip(response.body()));
    HttpResponse<String> toCallback = browser.submitSignIn(browser.page(Browser.location(response)), "ada@example.com", PASSWORD);
    return browser.page(Browser.location(toCallback));
  }

  /** A signed-in browser's session cookie; its value and tokens become secrets. */
  String signedInCookie() {
    Browser browser = new Browser(HTTP);
    HttpResponse<String> callback = signInFrom(browser, app("/whoami"));
    assertEquals(302, callback.statusCode(), callback.body());
    String cookie = browser.cookie(app("/"), SESSION).orElseThrow();
    SessionData session = new SessionCookieCodec(List.of(TestApp.COOKIE_PASSWORD), Clock.systemUTC()).unseal(cookie).orElseThrow();
    secrets.addAll(List.of(cookie, session.accessToken(), session.refreshToken()));
    return cookie;
  }

  // ---------------------------------------------------------------- cookies

  /** Seals {@code json} the way the filter does (right password, id 1, Node's ~2). */
  String sealed(String json) {
    String value = new IronSeal().seal(json, "1", TestApp.COOKIE_PASSWORD, Duration.ZERO) + "~2";
    secrets.add(value);
    return value;
  }

  static String withPart(String cookie, int index, String part) {
    String body = cookie.endsWith("~2") ? cookie.substring(0, cookie.length() - 2) : cookie;
    String[] parts = body.split("\\*", -1);
    parts[index] = part;
    return String.join("*", parts) + (cookie.endsWith("~2") ? "~2" : "");
  }

  static String flipLast(String text) {
    char last = text.charAt(text.length() - 1);
    return text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  @TestFactory
  Stream<DynamicTest> cookies() {
    String real = signedInCookie();
    SessionData session = new SessionCookieCodec(List.of(TestApp.COOKIE_PASSWORD), Clock.systemUTC()).unseal(real).orElseThrow();
    String at = session.accessToken();
    String rt = session.refreshToken();
    String body = real.substring(0, real.length() - 2);
    String[] parts = body.split("\\*", -1);
    String bogusTokens = "{\"accessToken\":\"at_bogus\",\"refreshToken\":\"rt_bogus\"";

    // name -> value; every value is a cookie the filter must treat as "no session" and clear.
    Map<String, String> rejected = new LinkedHashMap<>();
    rejected.put("one character", "x");
    rejected.put("wrong prefix Fe26.1", "Fe26.1" + body.substring(6));
    rejected.put("wrong prefix Fe27.2", "Fe27.2" + body.substring(6));
    rejected.put("prefix only", "Fe26.2");
    rejected.put("prefix and stars only", "Fe26.2*******");
    rejected.put("too few parts", String.join("*", List.of(parts).subList(0, 6)));
    rejected.put("too many parts", body + "*extra");
    rejected.put("empty password id", withPart(real, 1, ""));
    rejected.put("unknown password id", withPart(real, 1, "99"));
    rejected.put("password id with dots", withPart(real, 1, "..%2F"));
    rejected.put("empty encryption salt", withPart(real, 2, ""));
    rejected.put("bad base64 in iv", withPart(real, 3, "!!!!$$$$"));
    rejected.put("bad base64 in ciphertext", withPart(real, 4, parts[4].substring(0, 20) + "%%" + parts[4].substring(22)));
    rejected.put("bad base64 in hmac", withPart(real, 7, "not/base64+url=="));
    rejected.put("padded base64 in hmac", withPart(real, 7, parts[7] + "=="));
    rejected.put("short iv", withPart(real, 3, "AAAA"));
    rejected.put("empty ciphertext", withPart(real, 4, ""));
    rejected.put("non-digit expiration", withPart(real, 5, "soon"));
    rejected.put("huge expiration", withPart(real, 5, "99999999999999999999999"));
    rejected.put("empty hmac salt", withPart(real, 6, ""));
    rejected.put("suffix ~1", body + "~1");
    rejected.put("suffix ~99", body + "~99");
    rejected.put("suffix ~ alone", body + "~");
    rejected.put("double suffix ~2~2", body + "~2~2");
    rejected.put("suffix ~~2", body + "~~2");
    rejected.put("tilde inside", withPart(real, 2, parts[2] + "~2"));
    rejected.put("tampered hmac", withPart(real, 7, flipLast(parts[7])));
    rejected.put("tampered ciphertext", withPart(real, 4, flipLast(parts[4])));
    rejected.put("tampered expiration", withPart(real, 5, "4102444800000"));
    rejected.put("truncated", real.substring(0, real.length() / 2));
    rejected.put("extra character", real.substring(0, real.length() - 2) + "x~2");
    String expired = new IronSeal(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)), new java.security.SecureRandom())
        .seal("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\"}", "1", TestApp.COOKIE_PASSWORD, Duration.ofMinutes(1)) + "~2";
    secrets.add(expired);
    rejected.put("seal whose expiry passed", expired);
    String foreign = new IronSeal().seal("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\"}", "1",
        "a-wrong-password-that-is-long-enough-0123456789", Duration.ZERO) + "~2";
    secrets.add(foreign);
    rejected.put("sealed with a wrong password", foreign);
    rejected.put("valid seal of empty object", sealed("{}"));
    rejected.put("valid seal of non-JSON", sealed("hello"));
    rejected.put("valid seal of JSON array", sealed("[1,2]"));
    rejected.put("valid seal of JSON null", sealed("null"));
    rejected.put("valid seal with trailing text", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\"}x"));
    rejected.put("valid seal with duplicate keys", sealed("{\"accessToken\":\"" + at + "\",\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\"}"));
    rejected.put("valid seal missing accessToken", sealed("{\"refreshToken\":\"" + rt + "\"}"));
    rejected.put("valid seal missing refreshToken", sealed("{\"accessToken\":\"" + at + "\"}"));
    rejected.put("valid seal with empty tokens", sealed("{\"accessToken\":\"\",\"refreshToken\":\"\"}"));
    rejected.put("valid seal, accessToken a number", sealed("{\"accessToken\":123,\"refreshToken\":\"" + rt + "\"}"));
    rejected.put("valid seal, refreshToken an array", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":[]}"));
    rejected.put("valid seal, tokens as objects", sealed("{\"accessToken\":{},\"refreshToken\":{}}"));
    rejected.put("valid seal, user an array", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"user\":[]}"));
    rejected.put("valid seal, user a string", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"user\":\"admin\"}"));
    rejected.put("valid seal, user without id", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"user\":{\"email\":\"a@b.c\"}}"));
    rejected.put("valid seal, user id a number", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"user\":{\"id\":5,\"email\":\"a@b.c\"}}"));
    rejected.put("valid seal, metadata not strings", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt
        + "\",\"user\":{\"id\":\"u\",\"email\":\"a@b.c\",\"metadata\":{\"a\":[1]}}}"));
    rejected.put("valid seal, emailVerified a string", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt
        + "\",\"user\":{\"id\":\"u\",\"email\":\"a@b.c\",\"emailVerified\":\"yes\"}}"));
    rejected.put("valid seal, impersonator a string", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"impersonator\":\"x\"}"));
    rejected.put("valid seal, organizationId a number", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"organizationId\":7}"));
    rejected.put("valid seal, 1000 levels of nesting", sealed(bogusTokens + ",\"user\":" + "[".repeat(1000) + "]".repeat(1000) + "}"));
    rejected.put("valid seal, 20 levels in metadata", sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt
        + "\",\"user\":{\"id\":\"u\",\"email\":\"a@b.c\",\"metadata\":" + "{\"a\":".repeat(20) + "1" + "}".repeat(20) + "}}"));
    rejected.put("valid seal, forged tokens", sealed(bogusTokens + "}"));
    rejected.put("valid seal, forged tokens and admin user", sealed(bogusTokens
        + ",\"user\":{\"id\":\"user_admin\",\"email\":\"admin@example.com\"},\"organizationId\":\"org_x\"}"));
    rejected.put("valid seal, 3 KB token string", sealed("{\"accessToken\":\"" + "a".repeat(3000) + "\",\"refreshToken\":\"rt_bogus\"}"));
    rejected.put("valid seal, real refresh token with a forged access token", sealed("{\"accessToken\":\"eyJhbGciOiJub25lIn0.e30.\",\"refreshToken\":\"rt_bogus\"}"));
    rejected.put("percent-encoded garbage", "%00%0d%0a");
    rejected.put("JSON in the clear, no quotes or commas", "{accessToken:x}");

    List<HostileCase> rows = new ArrayList<>();
    rejected.forEach((name, value) -> {
      rows.add(HostileCase.get(name + " (API)", CONTEXT + "/api/orders").asApi().cookie(SESSION + "=" + value)
          .expect(401).and(unauthenticatedJson()).and(clearsSession(true)));
      rows.add(HostileCase.get(name + " (page)", CONTEXT + "/whoami").asPage().cookie(SESSION + "=" + value)
          .expect(302).and(redirectsToLogin("/whoami")).and(clearsSession(true)));
    });

    // What the container decides before the filter sees anything, or what is not our cookie at all.
    String deep = sealed(bogusTokens + ",\"user\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    Map<String, String> notSeen = new LinkedHashMap<>();
    notSeen.put("empty value", SESSION + "=");
    notSeen.put("other name case", "WOS-SESSION=" + real);
    // Quotes and commas inside a value make Tomcat's RFC 6265 parser drop the cookie.
    notSeen.put("JSON with commas in the clear", SESSION + "={accessToken:x,refreshToken:y}");
    notSeen.put("JSON in the clear", SESSION + "={\"accessToken\":\"x\",\"refreshToken\":\"y\"}");
    notSeen.put("no value separator", SESSION);
    for (Map.Entry<String, String> c : notSeen.entrySet()) {
      rows.add(HostileCase.get(c.getKey() + " (API)", CONTEXT + "/api/orders").asApi().cookie(c.getValue())
          .expect(401).and(unauthenticatedJson()).and(clearsSession(false)));
      rows.add(HostileCase.get(c.getKey() + " (page)", CONTEXT + "/whoami").asPage().cookie(c.getValue())
          .expect(302).and(redirectsToLogin("/whoami")).and(clearsSession(false)));
    }
    // Tomcat's request-header limit (8 KB by default) answers 400 before any filter runs.
    for (Map.Entry<String, String> c : Map.of("10 KB value", "A".repeat(10 * 1024),
        "valid seal, 10,000 levels of nesting (14 KB)", deep).entrySet()) {
      rows.add(HostileCase.get(c.getKey() + " (API)", CONTEXT + "/api/orders").asApi().cookie(SESSION + "=" + c.getValue())
          .expect(400).answeredByContainer().and(clearsSession(false)));
      rows.add(HostileCase.get(c.getKey() + " (page)", CONTEXT + "/whoami").asPage().cookie(SESSION + "=" + c.getValue())
          .expect(400).answeredByContainer().and(clearsSession(false)));
    }
    // Several cookies of the same name: the first one counts (Tomcat keeps the header's order).
    rows.add(HostileCase.get("garbage before the real cookie (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=garbage; " + SESSION + "=" + real).expect(401).and(clearsSession(true)));
    rows.add(HostileCase.get("real cookie before garbage (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + real + "; " + SESSION + "=garbage").expect(200).and(clearsSession(false)));
    rows.add(HostileCase.get("two cookie headers, garbage first (page)", CONTEXT + "/whoami").asPage()
        .cookie(SESSION + "=garbage").cookie(SESSION + "=" + real).expect(302).and(clearsSession(true)));
    // RFC 6265 allows a quoted value and whitespace around the name: still the same, real cookie.
    rows.add(HostileCase.get("real cookie in quotes (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=\"" + real + "\"").expect(200).and(clearsSession(false)));
    rows.add(HostileCase.get("real cookie, space before '=' (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + " =" + real).expect(200).and(clearsSession(false)));
    rows.add(HostileCase.get("garbage in quotes (page)", CONTEXT + "/whoami").asPage()
        .cookie(SESSION + "=\"abc\"").expect(302).and(clearsSession(true)));
    // Tomcat reads an unbalanced leading quote as part of a token it then trims: the real cookie.
    rows.add(HostileCase.get("unbalanced quote before the real cookie (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=\"" + real).expect(200).and(clearsSession(false)));
    // A sealed session with the right password and real tokens but no user: a real session (the
    // user id comes from the token). Asked with OPTIONS, which the filter treats as an API call and
    // HttpServlet answers itself: the test servlet prints the e-mail, which such a session lacks.
    rows.add(HostileCase.request("valid seal, real tokens, null user (API)", "OPTIONS", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + sealed("{\"accessToken\":\"" + at + "\",\"refreshToken\":\"" + rt + "\",\"user\":null}"))
        .expect(200).and(clearsSession(false)).and(r -> assertTrue(r.header("Allow").isPresent(), r.headers().toString())));
    rows.add(HostileCase.request("no session, same OPTIONS (control)", "OPTIONS", CONTEXT + "/api/orders").asApi()
        .expect(401).and(unauthenticatedJson()));
    rows.add(HostileCase.get("the real cookie still works (control)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + real).expect(200).and(clearsSession(false)));
    return table("cookies", rows);
  }

  // ---------------------------------------------------------------- callback

  /** A started sign-in: the flow cookie (as a Cookie header) and the state sent to WorkOS. */
  record Flow(String cookieHeader, String state) {}

  Flow startFlow() {
    Browser browser = new Browser(HTTP);
    HttpResponse<String> login = browser.page(app("/login"));
    assertEquals(302, login.statusCode());
    String state = Browser.queryParam(Browser.location(login), "state");
    Map.Entry<String, String> flow = browser.cookies(app("/")).entrySet().stream()
        .filter(e -> e.getKey().startsWith("wos-auth-flow-")).findFirst().orElseThrow();
    secrets.add(flow.getValue());
    return new Flow(flow.getKey() + "=" + flow.getValue(), state);
  }

  @TestFactory
  Stream<DynamicTest> callback() {
    List<HostileCase> rows = new ArrayList<>();
    String callback = CONTEXT + "/callback";
    java.util.function.Consumer<RawHttp.Response> page = errorPage(CONTEXT);
    // Without its sign-in flow a callback's code is never exchanged: the browser signs in afresh, once.
    java.util.function.Consumer<RawHttp.Response> restarts = restartsSignIn(CONTEXT);
    rows.add(HostileCase.get("no parameters", callback).asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("code without state", callback + "?code=abc").asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("empty state", callback + "?code=abc&state=").asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("state without a flow cookie", callback + "?code=abc&state=forged").asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("state of 3,000 characters", callback + "?code=abc&state=" + "s".repeat(3000)).asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("state and code repeated", callback + "?code=a&code=b&state=x&state=y").asPage().expect(302).and(restarts));
    rows.add(HostileCase.get("a restarted sign-in's state without a flow cookie", callback + "?code=abc&state=r.forged")
        .asPage().expect(400).and(page).and(r -> assertTrue(r.body().contains("keeps cookies"), clip(r.body()))));

    Flow flow = startFlow();
    rows.add(HostileCase.get("mismatched state with a flow cookie", callback + "?code=abc&state=" + enc(flow.state() + "x"))
        .asPage().cookie(flow.cookieHeader()).expect(302).and(restarts));
    rows.add(HostileCase.get("flow cookie under another state's name", callback + "?code=abc&state=other")
        .asPage().cookie(flow.cookieHeader().replaceFirst("=", "x=")).expect(302).and(restarts));
    rows.add(HostileCase.get("another flow's cookie planted under this state's name", callback + "?code=abc&state=planted")
        .asPage().cookie(flowCookieNamed("planted", flow)).expect(400).and(page));
    rows.add(HostileCase.get("right state, no code", callback + "?state=" + enc(flow.state()))
        .asPage().cookie(flow.cookieHeader()).expect(400).and(page));
    rows.add(HostileCase.get("right state, empty code", callback + "?code=&state=" + enc(flow.state()))
        .asPage().cookie(flow.cookieHeader()).expect(400).and(page));
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("unknown code", "01HABCDEF");
    codes.put("code with HTML", "<script>alert(1)</script>");
    codes.put("code with quotes", "\"'`");
    codes.put("code with CR/LF", "a\r\nSet-Cookie: x=y");
    codes.put("code with NUL", "a\u0000b");
    codes.put("code with unicode", "коды✓😀");
    codes.put("code with ampersand and equals", "a&grant_type=password&b=");
    codes.put("code of 2,000 characters", "c".repeat(2000));
    codes.put("code of 3,000 characters", "c".repeat(3000));
    codes.put("code with JSON", "{\"code\":1}");
    codes.forEach((name, code) -> rows.add(HostileCase.get(name, callback + "?code=" + enc(code) + "&state=" + enc(flow.state()))
        .asPage().cookie(flow.cookieHeader()).expect(400).and(page)
        .and(r -> assertTrue(r.setCookie(SESSION).isEmpty(), "no session from a bad code"))));

    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("script", "<script>alert(1)</script>");
    errors.put("attribute break-out", "\"><img src=x onerror=alert(1)>");
    errors.put("single quotes", "' onmouseover='alert(1)");
    errors.put("svg", "<svg/onload=alert(1)>");
    errors.put("encoded CR/LF header injection", "x\r\nX-Injected: yes\r\n\r\n<script>");
    errors.put("unicode and right-to-left override", "ошибка \u202Egnp.exe 😀");
    errors.put("NUL byte", "a\u0000<script>");
    errors.put("HTML entities", "&lt;script&gt;&#60;script&#62;");
    errors.put("5 KB description", "<b>" + "x".repeat(5 * 1024));
    errors.forEach((name, text) -> {
      rows.add(HostileCase.get("error_description: " + name, callback + "?error=access_denied&error_description=" + enc(text))
          .asPage().expect(400).and(page).and(r -> assertTrue(r.header("X-Injected").isEmpty())));
      if (text.length() < 1024) {
        rows.add(HostileCase.get("error: " + name, callback + "?error=" + enc(text)).asPage().expect(400).and(page));
      }
    });
    rows.add(HostileCase.get("error with the right state (flow used up)", callback + "?error=access_denied&state=" + enc(flow.state()))
        .asPage().cookie(flow.cookieHeader()).expect(400).and(page)
        .and(r -> assertTrue(r.setCookie(flow.cookieHeader().split("=", 2)[0]).orElse("").contains("Max-Age=0"))));
    // Tomcat's request-line limit (8 KB by default) answers before the servlet.
    rows.add(HostileCase.get("error_description of 10 KB", callback + "?error=x&error_description=" + "y".repeat(10 * 1024))
        .asPage().expect(400).answeredByContainer());
    rows.add(HostileCase.get("error_description of 100 KB", callback + "?error=x&error_description=" + "y".repeat(100 * 1024))
        .asPage().expect(400).answeredByContainer());
    // A raw CR/LF ends the request line early: Tomcat reads an HTTP/0.9 request and answers with
    // a bare body (status 0 here), so there are no response headers at all to inject into.
    rows.add(HostileCase.get("raw CR/LF in the query", callback + "?error=a\r\nX-Injected: yes").asPage().expect(0)
        .answeredByContainer().and(r -> assertTrue(r.headers().isEmpty(), r.headers().toString())));

    Stream<DynamicTest> walks = Stream.of(
        dynamicTest("callback: replayed state (same callback URL twice)", this::replayedState),
        dynamicTest("callback: replayed code with the flow cookie put back", this::replayedCode),
        dynamicTest("callback: code expired at WorkOS (emulator 11 min later)", () -> expiredCode(false)),
        dynamicTest("callback: code and flow both expired (both clocks 11 min later)", () -> expiredCode(true)));
    CASES_PER_TABLE.merge("callback", 4, Integer::sum);
    return Stream.concat(table("callback", rows), walks);
  }

  /** A callback without its flow: sent to sign in afresh, with no session and nothing of the request in the address. */
  static java.util.function.Consumer<RawHttp.Response> restartsSignIn(String context) {
    return r -> {
      assertEquals(context + "/login?restarted=1", r.header("Location").orElse(""), r.headers().toString());
      assertTrue(r.setCookie(SESSION).isEmpty(), "no session from a callback without its flow");
      assertEquals("no-store", r.header("Cache-Control").orElse(""));
    };
  }

  /** The flow cookie of {@code flow}, renamed as the flow cookie of another state would be. */
  static String flowCookieNamed(String state, Flow flow) {
    String name = "wos-auth-flow-" + java.util.HexFormat.of().formatHex(sha256(state), 0, 4);
    return name + "=" + flow.cookieHeader().split("=", 2)[1];
  }

  static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A callback that reached the application's error page (via Browser). */
  void isErrorPage(HttpResponse<String> response, String expectedText) {
    String what = response.uri() + " -> " + response.statusCode() + " " + clip(response.body());
    assertEquals(400, response.statusCode(), what);
    neverBroken(what, response.statusCode(), response.body());
    assertTrue(response.body().contains(expectedText), what);
    assertTrue(response.body().contains("id=\"try-again\" href=\"" + CONTEXT + "/login\""), what);
    assertTrue(response.headers().firstValue("Location").isEmpty(), what);
    assertTrue(Browser.setCookie(response, SESSION).isEmpty(), what);
  }

  /**
   * The same callback URL twice: the second time the flow is gone, so the browser signs in afresh
   * instead of being signed in with a used code; the restarted sign-in's callback replayed in turn
   * ends on the error page, never in a loop.
   */
  void replayedState() {
    Browser browser = new Browser(HTTP);
    HttpResponse<String> login = browser.page(app("/login"));
    URI callback = Browser.location(browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD));
    HttpResponse<String> first = browser.page(callback);
    assertEquals(302, first.statusCode(), first.body());
    secrets.add(browser.cookie(app("/"), SESSION).orElseThrow());
    long exchanged = WORKOS.counter("grant.authorization_code");
    HttpResponse<String> replay = browser.page(callback);
    assertEquals(302, replay.statusCode(), replay.body());
    assertEquals(app("/login?restarted=1"), Browser.location(replay));
    assertTrue(Browser.setCookie(replay, SESSION).isEmpty(), "the replay sets no session");
    HttpResponse<String> restarted = browser.page(Browser.location(replay));
    assertTrue(Browser.queryParam(Browser.location(restarted), "state").startsWith("r."), "the new sign-in is marked as a restart");
    URI again = Browser.location(browser.submitSignIn(browser.page(Browser.location(restarted)), "ada@example.com", PASSWORD));
    assertEquals(302, browser.page(again).statusCode());
    secrets.add(browser.cookie(app("/"), SESSION).orElseThrow());
    isErrorPage(browser.page(again), "expired or already used");
    assertEquals(exchanged + 1, WORKOS.counter("grant.authorization_code"), "no replayed code was exchanged");
  }

  void replayedCode() {
    WalkedFlow flow = startFlowIn(new Browser(HTTP));
    HttpResponse<String> first = flow.browser().page(flow.callback());
    assertEquals(302, first.statusCode(), first.body());
    isErrorPage(replayWith(flow), "not accepted");
  }

  HttpResponse<String> replayWith(WalkedFlow flow) {
    secrets.add(flow.browser().cookie(app("/"), SESSION).orElseThrow());
    Browser attacker = new Browser(HTTP);
    attacker.setCookie(app("/"), flow.cookieName(), flow.cookieValue());
    return attacker.page(flow.callback());
  }

  /** A sign-in walked up to the emulator's redirect to the callback, not yet followed. */
  record WalkedFlow(Browser browser, String cookieName, String cookieValue, URI callback) {}

  WalkedFlow startFlowIn(Browser browser) {
    HttpResponse<String> login = browser.page(app("/login"));
    Map.Entry<String, String> flow = browser.cookies(app("/")).entrySet().stream()
        .filter(e -> e.getKey().startsWith("wos-auth-flow-")).findFirst().orElseThrow();
    secrets.add(flow.getValue());
    URI callback = Browser.location(browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD));
    return new WalkedFlow(browser, flow.getKey(), flow.getValue(), callback);
  }

  void expiredCode(boolean bothClocks) {
    WalkedFlow flow = startFlowIn(new Browser(HTTP));
    WORKOS.advanceClock(Duration.ofMinutes(11));
    if (bothClocks) {
      SharedTestClock.INSTANCE.advance(Duration.ofMinutes(11));
    }
    try {
      HttpResponse<String> answer = flow.browser().page(flow.callback());
      if (bothClocks) {
        // The flow is past its ten minutes: the code is never exchanged, the browser signs in afresh.
        assertEquals(302, answer.statusCode(), answer.body());
        assertEquals(app("/login?restarted=1"), Browser.location(answer));
        assertEquals(0, WORKOS.counter("grant.authorization_code"));
      } else {
        isErrorPage(answer, "not accepted");
      }
    } finally {
      WORKOS.reset();
      SharedTestClock.INSTANCE.reset();
    }
  }

  // ---------------------------------------------------------------- return paths

  /** Hostile return paths; each must end inside the application (most of them at its root). */
  static Map<String, String> hostileReturnPaths() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("protocol-relative", "//evil.example");
    paths.put("protocol-relative with path", "//evil.example/x?y=1");
    paths.put("slash backslash", "/\\evil.example");
    paths.put("backslash backslash", "\\\\evil.example");
    paths.put("absolute https", "https://evil.example");
    paths.put("absolute http on our host", "http://localhost:" + PORT + "/x");
    paths.put("scheme-relative with userinfo", "//localhost@evil.example");
    paths.put("encoded //", "%2F%2Fevil.example");
    paths.put("slash then encoded /", "/%2F/evil.example");
    paths.put("slash then encoded / lower case", "/%2f%2fevil.example");
    paths.put("slash then encoded backslash", "/%5Cevil.example");
    paths.put("double-encoded //", "/%252F%252Fevil.example");
    paths.put("triple-encoded //", "/%25252F%25252Fevil.example");
    paths.put("raw CR/LF", "/x\r\nLocation: https://evil.example");
    paths.put("encoded CR/LF", "/x%0D%0ALocation:%20https://evil.example");
    paths.put("double-encoded CR/LF", "/x%250D%250ALocation:%20https://evil.example");
    paths.put("tab before //", "/\t/evil.example");
    paths.put("tab", "/x\ty");
    paths.put("space", "/ /evil.example");
    paths.put("NUL", "/x\u0000y");
    paths.put("encoded NUL", "/x%00y");
    paths.put("full-width slashes", "\uFF0F\uFF0Fevil.example");
    paths.put("slash and full-width slash", "/\uFF0Fevil.example");
    paths.put("full-width backslash", "/\uFF3Cevil.example");
    paths.put("division slash U+2215", "/\u2215evil.example");
    paths.put("fraction slash U+2044", "/\u2044evil.example");
    paths.put("encoded full-width slashes", "/%EF%BC%8F%EF%BC%8Fevil.example");
    paths.put("javascript:", "javascript:alert(1)");
    paths.put("javascript: after slash", "/javascript:alert(1)");
    paths.put("data:", "data:text/html,<script>alert(1)</script>");
    paths.put("relative without slash", "evil.example");
    paths.put("dot segments up", "/../../evil.example");
    paths.put("5 KB", "/" + "a".repeat(5 * 1024));
    paths.put("10 KB", "/" + "a".repeat(10 * 1024));
    paths.put("empty", "");
    paths.put("invalid percent-encoding", "/%zz");
    paths.put("fragment", "/whoami#//evil.example");
    return paths;
  }

  /** Where each hostile return path ends: the application root unless it is a harmless inside path. */
  static String expectedLanding(String returnPath) {
    return switch (returnPath) {
      // Harmless paths inside the application (a fragment or dot segments stay on this origin).
      case "/javascript:alert(1)", "/%EF%BC%8F%EF%BC%8Fevil.example", "/../../evil.example", "/whoami#//evil.example" -> returnPath;
      default -> "/";
    };
  }

  @TestFactory
  Stream<DynamicTest> returnPaths() {
    List<DynamicTest> tests = new ArrayList<>();
    hostileReturnPaths().forEach((name, value) -> {
      tests.add(dynamicTest("returnPaths: /login?returnTo= " + name, () -> {
        if (value.length() > 8 * 1024) {
          // Over Tomcat's 8 KB request-line limit: refused before the login servlet.
          HttpResponse<String> refused = new Browser(HTTP).page(app("/login?returnTo=" + enc(value)));
          assertEquals(400, refused.statusCode());
          assertTrue(refused.headers().firstValue("Location").isEmpty());
          return;
        }
        HttpResponse<String> callback = signInFrom(new Browser(HTTP), app("/login?returnTo=" + enc(value)));
        landsInside(name, callback, expectedLanding(value));
      }));
      tests.add(dynamicTest("returnPaths: kept by the filter, " + name, () -> keptByTheFilter(name, value)));
    });
    CASES_PER_TABLE.merge("returnPaths", tests.size(), Integer::sum);
    return tests.stream();
  }

  void landsInside(String name, HttpResponse<String> callback, String expected) {
    String what = name + ": " + callback.statusCode() + " " + callback.headers().map();
    assertEquals(302, callback.statusCode(), what);
    neverBroken(what, callback.statusCode(), callback.body());
    String location = callback.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(CONTEXT + "/") && !location.startsWith(CONTEXT + "//"), what);
    URI resolved = Browser.location(callback);
    assertEquals("localhost", resolved.getHost(), what);
    assertEquals(PORT, resolved.getPort(), what);
    assertEquals(CONTEXT + expected, location, what);
    secrets.add(Browser.setCookie(callback, SESSION).orElseThrow().split(";", 2)[0].split("=", 2)[1]);
  }

  /**
   * The return path the filter keeps for a page it protects: the hostile text in the address
   * itself (or, when it cannot be a path, in the query).
   */
  void keptByTheFilter(String name, String value) {
    String target = value.startsWith("/") ? CONTEXT + value : CONTEXT + "/whoami?next=" + value;
    RawHttp.Response first = raw().send("GET", target, List.<String[]>of(new String[] {"Accept", Browser.HTML}));
    String what = name + ": " + printable(target) + " -> " + first.status() + " " + first.headers();
    assertNotEquals(500, first.status(), what);
    noSecretIn(what, first.body());
    if (first.status() != 302) {
      // Refused before any sign-in (the filter's 400 for unsafe paths, or the container's; 0 is
      // Tomcat's header-less HTTP/0.9 answer to a request line cut by a raw CR/LF).
      assertTrue(first.status() == 400 || first.status() == 404 || first.status() == 0, what);
      assertTrue(first.header("Location").isEmpty(), what);
      return;
    }
    String location = first.header("Location").orElseThrow();
    assertTrue(location.startsWith(CONTEXT + "/login?returnTo="), what);
    HttpResponse<String> callback = signInFrom(new Browser(HTTP), app(location.substring(CONTEXT.length())));
    String landing = callback.headers().firstValue("Location").orElse("");
    assertEquals(302, callback.statusCode(), what);
    assertTrue(landing.startsWith(CONTEXT + "/") && !landing.startsWith(CONTEXT + "//"), what + " landed at " + landing);
    assertEquals("localhost", Browser.location(callback).getHost(), what);
    secrets.add(Browser.setCookie(callback, SESSION).orElseThrow().split(";", 2)[0].split("=", 2)[1]);
  }

  // ---------------------------------------------------------------- headers

  /** Forged origin headers. Tomcat has no RemoteIpValve here, so none of them is trusted. */
  static Map<String, List<String[]>> spoofedHeaders() {
    Map<String, List<String[]>> spoofs = new LinkedHashMap<>();
    spoofs.put("X-Forwarded-Host", List.<String[]>of(new String[] {"X-Forwarded-Host", "evil.example"}));
    spoofs.put("X-Forwarded-Proto", List.<String[]>of(new String[] {"X-Forwarded-Proto", "https"}));
    spoofs.put("X-Forwarded-Port", List.<String[]>of(new String[] {"X-Forwarded-Port", "443"}));
    spoofs.put("X-Forwarded-Host+Proto+Port", List.of(new String[] {"X-Forwarded-Host", "evil.example"},
        new String[] {"X-Forwarded-Proto", "https"}, new String[] {"X-Forwarded-Port", "8443"}));
    spoofs.put("X-Forwarded-Host list", List.<String[]>of(new String[] {"X-Forwarded-Host", "evil.example, localhost"}));
    spoofs.put("Forwarded", List.<String[]>of(new String[] {"Forwarded", "for=203.0.113.9;host=evil.example;proto=https"}));
    spoofs.put("X-Forwarded-Server", List.<String[]>of(new String[] {"X-Forwarded-Server", "evil.example"}));
    spoofs.put("X-Host", List.<String[]>of(new String[] {"X-Host", "evil.example"}));
    spoofs.put("X-Original-URL", List.<String[]>of(new String[] {"X-Original-URL", "/admin/panel"}));
    spoofs.put("X-Rewrite-URL", List.<String[]>of(new String[] {"X-Rewrite-URL", "/admin/panel"}));
    return spoofs;
  }

  static String redirectUriOf(RawHttp.Response login) {
    return Browser.queryParam(URI.create(login.header("Location").orElseThrow()), "redirect_uri");
  }

  @TestFactory
  Stream<DynamicTest> headers() {
    String pathConfigured = "http://localhost:" + PORT + CONTEXT + "/callback";
    List<HostileCase> rows = new ArrayList<>();
    for (Map.Entry<String, List<String[]>> spoof : spoofedHeaders().entrySet()) {
      for (String context : List.of(CONTEXT, ABSOLUTE_CONTEXT)) {
        String config = context.equals(CONTEXT) ? "path redirect-uri" : "absolute redirect-uri";
        String expected = context.equals(CONTEXT) ? pathConfigured : ABSOLUTE_REDIRECT;
        HostileCase login = HostileCase.get(spoof.getKey() + " on /login, " + config, context + "/login").asPage();
        HostileCase protectedPage = HostileCase.get(spoof.getKey() + " on a protected page, " + config, context + "/whoami").asPage();
        for (String[] header : spoof.getValue()) {
          login = login.header(header[0], header[1]);
          protectedPage = protectedPage.header(header[0], header[1]);
        }
        rows.add(login.expect(302).and(r -> assertEquals(expected, redirectUriOf(r))));
        rows.add(protectedPage.expect(302).and(r -> assertEquals(context + "/login?returnTo=%2Fwhoami", r.header("Location").orElse(""))));
      }
    }
    // Host itself: the container takes the server name from it. An absolute redirect-uri does not
    // move; a path redirect-uri is resolved against it, and WorkOS (here the emulator) refuses
    // the unregistered callback with a 400 page and no redirect, so the code never leaves WorkOS.
    for (String host : List.of("evil.example", "evil.example:" + PORT, "evil.example:443")) {
      rows.add(HostileCase.get("Host " + host + " on /login, absolute redirect-uri", ABSOLUTE_CONTEXT + "/login").asPage()
          .header("Host", host).expect(302).and(r -> assertEquals(ABSOLUTE_REDIRECT, redirectUriOf(r))));
      rows.add(HostileCase.get("Host " + host + " on /login, path redirect-uri", CONTEXT + "/login").asPage()
          .header("Host", host).expect(302).and(r -> workOsRefuses(r, host)));
      for (String context : List.of(CONTEXT, ABSOLUTE_CONTEXT)) {
        rows.add(HostileCase.get("Host " + host + " on a protected page " + context, context + "/whoami").asPage()
            .header("Host", host).expect(302)
            .and(r -> assertEquals(context + "/login?returnTo=%2Fwhoami", r.header("Location").orElse(""))));
      }
    }
    // Malformed Host headers: refused by Tomcat itself.
    // An empty Host is accepted by Tomcat: the redirect_uri is either ours or one WorkOS refuses.
    rows.add(HostileCase.get("empty Host on /login, path redirect-uri", CONTEXT + "/login").asPage().header("Host", "")
        .expect(302).and(r -> {
          if (!redirectUriOf(r).equals(pathConfigured)) {
            workOsRefuses(r, URI.create(redirectUriOf(r)).getRawAuthority());
          }
        }));
    for (Map.Entry<String, String> bad : Map.of("Host with userinfo", "localhost@evil.example",
        "Host with a path", "evil.example/x").entrySet()) {
      rows.add(HostileCase.get(bad.getKey() + " on /login", CONTEXT + "/login").asPage().header("Host", bad.getValue())
          .expect(400).answeredByContainer().and(r -> assertTrue(r.header("Location").isEmpty())));
    }
    rows.add(HostileCase.get("two Host headers on /login", CONTEXT + "/login").asPage()
        .header("Host", "localhost:" + PORT).header("Host", "evil.example").expect(400).answeredByContainer());

    // The callback's final redirect with forged headers: always a path inside the application.
    List<DynamicTest> callbacks = new ArrayList<>();
    Map<String, List<String[]>> withHost = new LinkedHashMap<>(spoofedHeaders());
    withHost.put("Host", List.<String[]>of(new String[] {"Host", "evil.example"}));
    for (Map.Entry<String, List<String[]>> spoof : withHost.entrySet()) {
      for (String context : List.of(CONTEXT, ABSOLUTE_CONTEXT)) {
        callbacks.add(dynamicTest("headers: " + spoof.getKey() + " on the callback " + context,
            () -> callbackWithForgedHeaders(context, spoof.getValue())));
      }
    }
    CASES_PER_TABLE.merge("headers", callbacks.size(), Integer::sum);
    return Stream.concat(table("headers", rows), callbacks.stream());
  }

  void workOsRefuses(RawHttp.Response login, String host) {
    String redirectUri = redirectUriOf(login);
    assertEquals("http://" + host + CONTEXT + "/callback", redirectUri);
    HttpResponse<String> authorize = new Browser(HTTP).page(URI.create(login.header("Location").orElseThrow()));
    assertEquals(400, authorize.statusCode(), authorize.body());
    assertTrue(authorize.headers().firstValue("Location").isEmpty());
    assertTrue(authorize.body().contains("not registered"), clip(authorize.body()));
  }

  void callbackWithForgedHeaders(String context, List<String[]> forged) {
    URI start = URI.create(context.equals(CONTEXT) ? base.toString() : absoluteBase.toString()).resolve("login?returnTo=%2Fwhoami");
    Browser browser = new Browser(HTTP);
    HttpResponse<String> login = browser.page(start);
    Map.Entry<String, String> flow = browser.cookies(start).entrySet().stream()
        .filter(e -> e.getKey().startsWith("wos-auth-flow-")).findFirst().orElseThrow();
    secrets.add(flow.getValue());
    URI callback = Browser.location(browser.submitSignIn(browser.page(Browser.location(login)), "ada@example.com", PASSWORD));
    List<String[]> headers = new ArrayList<>(forged);
    headers.add(new String[] {"Accept", Browser.HTML});
    headers.add(new String[] {"Cookie", flow.getKey() + "=" + flow.getValue()});
    RawHttp.Response response = raw().send("GET", callback.getRawPath() + "?" + callback.getRawQuery(), headers);
    response.setCookie(SESSION).ifPresent(c -> secrets.add(c.split(";", 2)[0].split("=", 2)[1]));
    String what = context + " " + response.status() + " " + response.headers();
    neverBroken(what, response.status(), response.body());
    assertEquals(302, response.status(), what);
    assertEquals(context + "/whoami", response.header("Location").orElse(""), what);
  }

  // ---------------------------------------------------------------- security review

  /** A row that signs in a fresh session first: each of these rows may end the session it uses. */
  HostileCase withFreshSession(HostileCase row) {
    return row.cookie(SESSION + "=" + signedInCookie());
  }

  /** Whether {@code cookie} is still a working session (an API call answers 200). */
  void stillSignedIn(String cookie, boolean expected) {
    RawHttp.Response me = raw().send("GET", CONTEXT + "/whoami",
        List.of(new String[] {"Accept", "application/json"}, new String[] {"Cookie", SESSION + "=" + cookie}));
    assertEquals(expected ? 200 : 401, me.status(), me.body());
  }

  static String sessionOf(HostileCase row) {
    return row.headers().stream().filter(h -> h[0].equals("Cookie")).map(h -> h[1].substring(SESSION.length() + 1))
        .findFirst().orElseThrow();
  }

  /** The session cookie a response set, if any. */
  String newSessionCookie(RawHttp.Response response) {
    String value = response.setCookie(SESSION).orElseThrow().split(";", 2)[0].split("=", 2)[1];
    secrets.add(value);
    return value;
  }

  /** What a security review of the running filter found, one group of rows per finding. */
  @TestFactory
  Stream<DynamicTest> securityReview() throws Exception {
    List<HostileCase> rows = new ArrayList<>();

    // Signing out ends the session on this server: no copy of the cookie works afterwards.
    String copied = signedInCookie();
    RawHttp.Response logout = raw().send("GET", CONTEXT + "/logout",
        List.of(new String[] {"Accept", Browser.HTML}, new String[] {"Cookie", SESSION + "=" + copied}));
    assertEquals(302, logout.status(), logout.body()); // WorkOS's logout page is never visited
    rows.add(HostileCase.get("a copy of a signed-out cookie (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + copied).expect(401).and(clearsSession(true)));
    rows.add(HostileCase.get("a copy of a signed-out cookie (public page)", CONTEXT + "/public/about").asApi()
        .cookie(SESSION + "=" + copied).expect(200).and(r -> assertTrue(r.body().contains("\"anonymous\":true"), r.body())));
    // Refresh c1 -> c2, sign out with c2: c1 must not get c2's session from the recent rotations.
    String c1 = signedInCookie();
    WORLD.advance(Duration.ofMinutes(5));
    RawHttp.Response refreshed = raw().send("GET", CONTEXT + "/api/orders",
        List.of(new String[] {"Accept", "application/json"}, new String[] {"Cookie", SESSION + "=" + c1}));
    assertEquals(200, refreshed.status(), refreshed.body());
    String c2 = newSessionCookie(refreshed);
    assertEquals(302, raw().send("POST", CONTEXT + "/logout", List.<String[]>of(new String[] {"Cookie", SESSION + "=" + c2})).status());
    rows.add(HostileCase.get("the cookie a refresh replaced, after the new one signed out", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + c1).expect(401).and(clearsSession(true)));
    rows.add(HostileCase.get("the refreshed cookie after signing out", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + c2).expect(401).and(clearsSession(true)));

    // Anything rendered from a session cookie is kept out of shared caches, public pages included.
    String live = signedInCookie();
    for (String[] cookie : List.of(new String[] {"a session", SESSION + "=" + live},
        new String[] {"a garbage session cookie", SESSION + "=garbage"})) {
      rows.add(HostileCase.get("public page with " + cookie[0], CONTEXT + "/public/about").asApi().cookie(cookie[1])
          .expect(200).and(noStore(true)));
    }
    rows.add(HostileCase.get("public page without a session cookie", CONTEXT + "/public/about").asApi().expect(200)
        .and(noStore(false)));

    // Paths and cookie attributes come from the application's context path, not the request's text.
    String ctx = CONTEXT.substring(1);
    for (String spelling : List.of("/%61" + ctx.substring(1), CONTEXT + ";Domain=localhost;Max-Age=31536000;SameSite=None",
        CONTEXT + ";x=1")) {
      rows.add(HostileCase.get("login at " + spelling, spelling + "/login").asPage().expect(302)
          .and(r -> assertTrue(r.all("set-cookie").stream().filter(c -> c.startsWith("wos-auth-flow-"))
              .allMatch(c -> c.contains("; Path=" + CONTEXT + "; ") && !c.contains("Domain") && c.contains("SameSite=Lax")
                  && !c.contains("31536000")), r.all("set-cookie").toString())));
      rows.add(HostileCase.get("logout at " + spelling, spelling + "/logout").asPage().expect(302)
          .and(r -> assertTrue(r.setCookie(SESSION).orElse("").contains("; Path=" + CONTEXT + "; "), r.all("set-cookie").toString())));
    }
    for (String spelling : List.of("/" + CONTEXT, "/%61" + ctx.substring(1), CONTEXT + ";x=1")) {
      rows.add(HostileCase.get("protected page at " + spelling, spelling + "/whoami").asPage()
          .expect(302).and(redirectsToLogin("/whoami")));
    }

    // *.css is public only where the container serves the request by extension or by default.
    rows.add(HostileCase.get("*.css on a static file", CONTEXT + "/style.css").asPage().expect(200));
    rows.add(HostileCase.get("*.css on a file that is not there", CONTEXT + "/missing.css").asPage().expect(404));
    for (String path : List.of("/admin/x.css", "/reports/x.css", "/public/../admin/x.css", "/admin/panel;x=1/x.css")) {
      rows.add(HostileCase.get("*.css under a protected servlet " + path + " (page)", CONTEXT + path).asPage()
          .expect(302));
    }
    rows.add(HostileCase.get("*.css under a protected servlet /api/x.css", CONTEXT + "/api/x.css").asApi().expect(401));
    rows.add(HostileCase.get("*.css under the admin servlet, as a member", CONTEXT + "/admin/x.css").asApi()
        .cookie(SESSION + "=" + live).expect(403));

    // The Host header decides neither where sign-out returns to nor the Secure attribute.
    String absoluteRoot = "http://localhost:" + PORT + ABSOLUTE_CONTEXT + "/";
    rows.add(HostileCase.get("Host evil.example on /logout, signed out, absolute redirect-uri", ABSOLUTE_CONTEXT + "/logout")
        .asPage().header("Host", "evil.example").expect(302)
        .and(r -> assertEquals(absoluteRoot, r.header("Location").orElse(""))));
    rows.add(withFreshSession(HostileCase.get("Host evil.example on /logout, signed in, absolute redirect-uri",
        ABSOLUTE_CONTEXT + "/logout").asPage().header("Host", "evil.example")).expect(302)
        .and(r -> assertEquals(absoluteRoot, Browser.queryParam(URI.create(r.header("Location").orElseThrow()), "return_to"))));
    for (String host : List.of("app.example.com", "127.0.0.1:" + PORT, "localhost:" + PORT)) {
      rows.add(HostileCase.get("Host " + host + " on /login over plain http", ABSOLUTE_CONTEXT + "/login").asPage()
          .header("Host", host).expect(302)
          .and(r -> assertTrue(r.all("set-cookie").stream().noneMatch(c -> c.contains("; Secure")), r.all("set-cookie").toString())));
    }

    // Another site cannot sign users out: it gets a page with a button that posts from here.
    Map<String, String[]> crossSite = new LinkedHashMap<>();
    crossSite.put("Sec-Fetch-Site cross-site", new String[] {"Sec-Fetch-Site", "cross-site"});
    crossSite.put("Sec-Fetch-Site same-site", new String[] {"Sec-Fetch-Site", "same-site"});
    crossSite.put("a foreign Referer", new String[] {"Referer", "https://evil.example/page"});
    crossSite.put("a look-alike Referer", new String[] {"Referer", "http://localhost:" + PORT + ".evil.example/"});
    crossSite.put("a foreign Origin", new String[] {"Origin", "https://evil.example"});
    crossSite.put("Origin null", new String[] {"Origin", "null"});
    for (Map.Entry<String, String[]> foreign : crossSite.entrySet()) {
      for (String method : List.of("GET", "POST")) {
        rows.add(withFreshSession(HostileCase.request(method + " /logout with " + foreign.getKey(), method, CONTEXT + "/logout")
            .asPage().header(foreign.getValue()[0], foreign.getValue()[1])).expect(200)
            .and(r -> {
              assertTrue(r.body().contains("<form method=\"post\" action=\"" + CONTEXT + "/logout\">"), clip(r.body()));
              assertTrue(r.all("set-cookie").isEmpty(), "nothing cleared: " + r.all("set-cookie"));
              assertTrue(r.header("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
            }));
      }
    }
    Map<String, String[]> sameOrigin = new LinkedHashMap<>();
    sameOrigin.put("Sec-Fetch-Site same-origin", new String[] {"Sec-Fetch-Site", "same-origin"});
    sameOrigin.put("Sec-Fetch-Site none", new String[] {"Sec-Fetch-Site", "none"});
    sameOrigin.put("our Referer", new String[] {"Referer", "http://localhost:" + PORT + CONTEXT + "/whoami"});
    sameOrigin.put("our Origin", new String[] {"Origin", "http://localhost:" + PORT});
    sameOrigin.put("no site headers", new String[] {"X-Nothing", "1"});
    for (Map.Entry<String, String[]> ours : sameOrigin.entrySet()) {
      for (String method : List.of("GET", "POST")) {
        HostileCase row = withFreshSession(HostileCase.request(method + " /logout with " + ours.getKey(), method,
            CONTEXT + "/logout").asPage().header(ours.getValue()[0], ours.getValue()[1]));
        String session = sessionOf(row);
        rows.add(row.expect(302).and(clearsSession(true)).and(r -> stillSignedIn(session, false)));
      }
    }
    HostileCase refused = withFreshSession(HostileCase.get("the session survives a cross-site sign-out", CONTEXT + "/logout")
        .asPage().header("Sec-Fetch-Site", "cross-site"));
    String survivor = sessionOf(refused);
    rows.add(refused.expect(200).and(r -> stillSignedIn(survivor, true)));

    // Access tokens for another client, or from another issuer, are refused even with a good signature.
    String kid = com.nimbusds.jose.jwk.JWKSet.load(new URL(WORKOS.baseUrl() + "/sso/jwks/" + WORKOS.clientId()))
        .getKeys().get(0).getKeyID();
    String ours = WORKOS.baseUrl() + "/user_management/" + WORKOS.clientId();
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("a token for another client (issuer)", MINT.sign(kid, b -> b.issuer(WORKOS.baseUrl() + "/user_management/client_other")));
    tokens.put("a token for another client (client_id)", MINT.sign(kid, b -> b.issuer(ours).claim("client_id", "client_other")));
    tokens.put("a token from another issuer", MINT.sign(kid, b -> b.issuer("https://login.evil.example")));
    tokens.put("a token without an issuer", MINT.sign(kid, b -> b));
    tokens.forEach((name, token) -> rows.add(HostileCase.get(name + " (API)", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + sealed("{\"accessToken\":\"" + token + "\",\"refreshToken\":\"rt_bogus\"}"))
        .expect(401).and(clearsSession(true))));
    // The control: signed for this client, accepted. (OPTIONS: the test servlet prints the e-mail,
    // which a session without a user lacks, and HttpServlet answers OPTIONS itself.)
    rows.add(HostileCase.request("a token for this client (control)", "OPTIONS", CONTEXT + "/api/orders").asApi()
        .cookie(SESSION + "=" + sealed("{\"accessToken\":\"" + MINT.sign(kid, b -> b.issuer(ours).claim("client_id", WORKOS.clientId()))
            + "\",\"refreshToken\":\"rt_bogus\"}"))
        .expect(200).and(clearsSession(false)).and(r -> assertTrue(r.header("Allow").isPresent(), r.headers().toString())));
    return table("review", rows);
  }

  static java.util.function.Consumer<RawHttp.Response> noStore(boolean expected) {
    return r -> {
      if (expected) {
        assertEquals("no-store", r.header("Cache-Control").orElse(""), r.headers().toString());
        assertTrue(r.all("vary").stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("cookie")), r.headers().toString());
      } else {
        assertTrue(r.header("Cache-Control").isEmpty(), r.headers().toString());
      }
    };
  }

  // ---------------------------------------------------------------- paths

  /**
   * Address tricks against the protected {@code /whoami} and {@code /admin/panel}, asked
   * anonymously. The status is whatever stops the request first: Tomcat (400 for what it refuses
   * to parse, 404 for what maps to no servlet only after our filter let a public path through),
   * our filter (400 for an address it cannot normalise safely, 401/302 for a protected one).
   */
  static Map<String, Integer> hostilePaths() {
    Map<String, Integer> paths = new LinkedHashMap<>();
    // Normalised by the filter to a protected path: sign in first.
    for (String p : List.of("/whoami;jsessionid=1", "/whoami;jsessionid=ABC?x=1", "/public/../whoami", "/public/..;/whoami",
        "/public;x=1/../whoami", "/public/./../whoami", "/%77hoami", "/public/%2e%2e/whoami", "/public/%2E%2E/whoami",
        "/public/.%2e/whoami", "/whoami/", "/whoami//", "//whoami", "/./whoami", "/public/../admin/panel", "/admin;x=1/panel",
        "/admin/./panel", "/admin//panel", "/%61dmin/panel", "/WhoAmI", "/WHOAMI", "/Public/../whoami", "/api/../whoami",
        "/whoami;", "/whoami;/", "/whoami.json", "/whoami%3Bjsessionid=1", "/../authkit-hostile/whoami")) {
      paths.put(p, 401);
    }
    // Refused by the filter (400 page): encoded separators, NUL, bad escapes, overlong UTF-8.
    for (String p : List.of("/public/..%2Fwhoami", "/public/%2e%2e%2fwhoami", "/public%2F..%2Fwhoami", "/public/%5C../whoami",
        "/public%5C..%5Cwhoami", "/whoami%00", "/whoami%00.json", "/public/about%00/../../whoami", "/%zz",
        "/public/%c0%ae%c0%ae/whoami")) {
      paths.put(p, 400);
    }
    // Encoded once more than Tomcat decodes, or an invisible character: a literal segment under
    // /public for Tomcat and for the filter alike, so the public servlet answers (anonymously).
    for (String p : List.of("/public/..%3B/whoami", "/public/%252e%252e/whoami", "/public/%252F../whoami",
        "/public/%e2%80%a8/../whoami")) {
      paths.put(p, 200);
    }
    paths.put("/" + "a".repeat(7000), 401);
    return paths;
  }

  @TestFactory
  Stream<DynamicTest> paths() {
    List<HostileCase> rows = new ArrayList<>();
    hostilePaths().forEach((path, status) -> {
      String name = printable(path.length() > 60 ? "/a… (" + path.length() + " characters)" : path);
      HostileCase api = HostileCase.get(name + " (API)", CONTEXT + path).asApi();
      HostileCase page = HostileCase.get(name + " (page)", CONTEXT + path).asPage();
      rows.add(anonymousOnly(status == 401 ? api.expect(401) : api.expect(status)));
      rows.add(anonymousOnly(status == 401 ? page.expect(302) : page.expect(status)));
    });
    // Tomcat decides these before the application: a request line over 8 KB (400), and two
    // encoded ".." that climb out of the application into the (empty) root context (404).
    rows.add(HostileCase.get("/a… (9000 characters)", CONTEXT + "/" + "a".repeat(9000)).asApi().expect(400).answeredByContainer());
    rows.add(HostileCase.get("/public/%2e%2e/%2e%2e/whoami", CONTEXT + "/public/%2e%2e/%2e%2e/whoami").asApi().expect(404)
        .answeredByContainer());
    // Genuinely public: passes, and shows nobody.
    for (String p : List.of("/public/about", "/public/about/", "/public//about", "/public/./about", "/public;x=1/about",
        "/public/x/../about", "/%70ublic/about")) {
      rows.add(anonymousOnly(HostileCase.get(p + " (public)", CONTEXT + p).asApi().expect(200)));
    }
    // Signed in as a member: the admin filter cannot be dodged by spelling.
    String member = signedInCookie();
    for (String p : List.of("/admin/panel", "/admin;x=1/panel", "/admin//panel", "/admin/./panel", "/public/../admin/panel",
        "/public/..;/admin/panel", "/%61dmin/panel", "/admin/panel/", "/admin/panel;jsessionid=1")) {
      rows.add(HostileCase.get("member on " + p, CONTEXT + p).asApi().cookie(SESSION + "=" + member).expect(403)
          .and(r -> assertTrue(r.body().contains("\"forbidden\""), r.body())));
    }
    for (String p : List.of("/ADMIN/panel", "/Admin/panel")) {
      // Tomcat maps case-sensitively: no /admin/* filter and no servlet either, so nothing is served.
      rows.add(HostileCase.get("member on " + p, CONTEXT + p).asApi().cookie(SESSION + "=" + member).expect(404));
    }
    return table("paths", rows);
  }

  /** A 200 answer may only come from a public page and must show nobody. */
  static HostileCase anonymousOnly(HostileCase row) {
    return row.and(r -> {
      if (r.status() == 200) {
        assertTrue(r.body().contains("\"anonymous\":true"), r.body());
      }
      if (r.status() == 400) {
        assertTrue(r.header("Location").isEmpty());
      }
    });
  }

  // ---------------------------------------------------------------- methods

  @TestFactory
  Stream<DynamicTest> methods() {
    String member = signedInCookie();
    List<HostileCase> rows = new ArrayList<>();
    List<String> verbs = List.of("HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "MKCOL", "FOO", "OPTIONS");
    for (String verb : verbs) {
      for (String path : List.of("/whoami", "/api/orders", "/admin/panel")) {
        HostileCase anonymous = HostileCase.request(verb + " " + path + " anonymous", verb, CONTEXT + path).asPage();
        HostileCase signedIn = HostileCase.request(verb + " " + path + " signed in", verb, CONTEXT + path).asPage()
            .cookie(SESSION + "=" + member);
        rows.add(anonymous.expect(anonymousStatus(verb, path)));
        rows.add(signedIn.expect(signedInStatus(verb, path)));
      }
      rows.add(HostileCase.request(verb + " /public/about anonymous", verb, CONTEXT + "/public/about").asPage()
          .expect(signedInStatus(verb, "/public/about")));
    }
    // CORS preflights never reach a protected resource's code (a preflight carries no credentials):
    // 403 from the filter. Public paths, and applications that opted in, answer them themselves.
    for (String path : List.of("/whoami", "/api/orders", "/admin/panel")) {
      rows.add(HostileCase.request("preflight " + path, "OPTIONS", CONTEXT + path).header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "DELETE").expect(403)
          .and(r -> assertTrue(r.body().contains("\"cors_preflight_refused\""), r.body()))
          .and(r -> assertTrue(r.header("Allow").isEmpty(), "the servlet answered: " + r.headers())));
      rows.add(HostileCase.request("preflight with a cookie " + path, "OPTIONS", CONTEXT + path)
          .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "PUT")
          .cookie(SESSION + "=" + member).expect(403));
      // cors-preflight is per declaration: the admins-only declaration on /admin/* did not opt in.
      rows.add(HostileCase.request("preflight " + path + ", cors-preflight=pass", "OPTIONS", ABSOLUTE_CONTEXT + path)
          .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE")
          .expect(path.startsWith("/admin/") ? 403 : 200)
          .and(r -> assertEquals(!path.startsWith("/admin/"), r.header("Allow").isPresent(), r.headers().toString())));
    }
    rows.add(HostileCase.request("preflight /public/about", "OPTIONS", CONTEXT + "/public/about")
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE").expect(200)
        .and(r -> assertTrue(r.header("Allow").isPresent(), r.headers().toString())));
    rows.add(HostileCase.request("preflight without a method is no preflight", "OPTIONS", CONTEXT + "/api/orders")
        .header("Origin", "https://evil.example").expect(401));
    rows.add(HostileCase.request("lower-case get is a custom verb", "get", CONTEXT + "/whoami").asPage().expect(401));
    rows.add(HostileCase.request("HEAD page anonymous", "HEAD", CONTEXT + "/whoami").asPage().expect(302)
        .and(r -> assertEquals(CONTEXT + "/login?returnTo=%2Fwhoami", r.header("Location").orElse(""))));
    return table("methods", rows);
  }

  /**
   * Anonymous: a page GET/HEAD is redirected to sign in; every other method is an API call (401),
   * except TRACE, which Tomcat refuses itself (405, allowTrace is off).
   */
  static int anonymousStatus(String verb, String path) {
    if (verb.equals("TRACE")) {
      return 405;
    }
    if (verb.equals("HEAD") && !path.startsWith("/api/")) {
      return 302;
    }
    return 401;
  }

  /** Signed in as a member (or on a public page): what the servlet itself answers, 403 for admin. */
  static int signedInStatus(String verb, String path) {
    if (verb.equals("TRACE")) {
      return 405;
    }
    if (path.startsWith("/admin/")) {
      return 403;
    }
    return switch (verb) {
      case "HEAD", "POST", "OPTIONS" -> 200;
      case "PUT", "DELETE" -> 405; // HttpServlet's defaults for methods the servlet does not implement
      default -> 501; // PATCH, PROPFIND, MKCOL, FOO: HttpServlet knows no such method
    };
  }

  // ---------------------------------------------------------------- bearer credentials

  /**
   * {@code Authorization: Bearer} on {@code /api/orders}, the same rows against the filter
   * ({@code /authkit-hostile}, access tokens and API keys accepted) and against the container's
   * module ({@code /authkit-hostile-container}, same). Every refusal is 401 with
   * {@code WWW-Authenticate: Bearer …, error="invalid_token"} and JSON {@code invalid_token};
   * no row ever gets a redirect or a session cookie.
   */
  @TestFactory
  Stream<DynamicTest> bearer() throws Exception {
    String kid = com.nimbusds.jose.jwk.JWKSet.load(new URL(WORKOS.baseUrl() + "/sso/jwks/" + WORKOS.clientId()))
        .getKeys().get(0).getKeyID();
    String ours = WORKOS.baseUrl() + "/user_management/" + WORKOS.clientId();
    java.util.Date past = java.util.Date.from(SharedTestClock.INSTANCE.instant().minusSeconds(120));
    String ada = secret(WORKOS.issueSession("ada@example.com").accessToken());
    String grace = secret(WORKOS.issueSession("grace@example.com").accessToken());
    String realCookie = signedInCookie();

    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("Bearer and nothing", "Bearer");
    refused.put("Bearer and a space", "Bearer ");
    refused.put("two credentials", "Bearer abc def");
    refused.put("a quoted credential", "Bearer \"abc\"");
    refused.put("a comma", "Bearer a,b");
    refused.put("non-ASCII", "Bearer \u00e9t\u00e9");
    refused.put("a tab inside", "Bearer a\tb");
    refused.put("percent-encoded NUL", "Bearer %00");
    refused.put("four dot-separated parts", "Bearer a.b.c.d");
    refused.put("an empty JWT", "Bearer ..");
    refused.put("garbage JWT parts", "Bearer !!.??.**");
    refused.put("alg none", "Bearer " + secret(new com.nimbusds.jwt.PlainJWT(new com.nimbusds.jwt.JWTClaimsSet.Builder()
        .issuer(ours).subject("user_forged").claim("sid", "session_forged")
        .expirationTime(java.util.Date.from(SharedTestClock.INSTANCE.instant().plusSeconds(300))).build()).serialize()));
    refused.put("HS256 signed with the public key", "Bearer " + secret(hmacWithPublicKey(kid, ours)));
    refused.put("expired", "Bearer " + secret(MINT.sign(kid, b -> b.issuer(ours).expirationTime(past))));
    refused.put("another client's token (issuer)",
        "Bearer " + secret(MINT.sign(kid, b -> b.issuer(WORKOS.baseUrl() + "/user_management/client_other"))));
    refused.put("another client's token (client_id)",
        "Bearer " + secret(MINT.sign(kid, b -> b.issuer(ours).claim("client_id", "client_other"))));
    refused.put("wrong issuer", "Bearer " + secret(MINT.sign(kid, b -> b.issuer("https://login.evil.example"))));
    refused.put("no issuer", "Bearer " + secret(MINT.sign(kid, b -> b)));
    refused.put("a bad signature", "Bearer " + flipInSignature(ada));
    refused.put("the application's own API key", "Bearer " + WORKOS.apiKey());
    refused.put("an unknown API key", "Bearer sk_unknown_0123456789abcdef");
    refused.put("an expired API key", "Bearer " + secret("sk_demo_expired_0123456789abcdef"));
    refused.put("not shaped like an API key", "Bearer pk_live_0123456789abcdef");
    refused.put("an API key of 7,000 characters", "Bearer sk_" + "a".repeat(7000));

    List<HostileCase> rows = new ArrayList<>();
    for (String context : List.of(CONTEXT, CONTAINER_CONTEXT)) {
      String where = context.equals(CONTEXT) ? " (filter)" : " (container)";
      refused.forEach((name, header) -> rows.add(bearerRow(name + where, context, header).expect(401)
          .and(invalidToken())));
      // A session ended on this server: its access token is refused from then on.
      rows.add(bearerRow("a signed-out session's token" + where, context, "Bearer " + signedOutToken(context))
          .expect(401).and(invalidToken()));
      // The credential is the one the client chose: a cookie sent with it is neither read nor cleared.
      rows.add(bearerRow("a session cookie and a bad token" + where, context, "Bearer not.a.token")
          .cookie(SESSION + "=" + realCookie).expect(401).and(invalidToken()));
      rows.add(bearerRow("a garbage cookie and a good token" + where, context, "Bearer " + ada)
          .cookie(SESSION + "=Fe26.2*1*garbage~2").expect(200).and(caller("ACCESS_TOKEN")));
      rows.add(bearerRow("a member's cookie and an admin's token" + where, context, "Bearer " + grace)
          .cookie(SESSION + "=" + realCookie).expect(200).and(caller("ACCESS_TOKEN"))
          .and(r -> assertTrue(r.body().contains("\"isAdmin\":true"), r.body())));
      // Two headers: the first one counts.
      rows.add(bearerRow("a bad token before a good one" + where, context, "Bearer nope").header("Authorization",
          "Bearer " + ada).expect(401).and(invalidToken()));
      // Tomcat's 8 KB header limit answers before any AuthKit code runs.
      rows.add(HostileCase.get("16 KB header" + where, context + "/api/orders").asApi()
          .header("Authorization", "Bearer " + "A".repeat(16 * 1024)).expect(400).answeredByContainer()
          .and(noBearerSideEffects()));
      // Not bearer credentials: the Basic scheme, a look-alike scheme; and a token where tokens are not read.
      rows.add(bearerRow("Basic" + where, context, "Basic YWRhOmF1dGhraXQtZGVtbw==").expect(401).and(unauthenticatedJson()));
      rows.add(bearerRow("Bearerx" + where, context, "Bearerx " + ada).expect(401).and(unauthenticatedJson()));
      rows.add(HostileCase.get("a token on a page path" + where, context + "/whoami").asPage()
          .header("Authorization", "Bearer " + ada).expect(context.equals(CONTEXT) ? 401 : 200)
          .and(noBearerSideEffects()));
      // Controls: accepted.
      rows.add(bearerRow("ada's access token (control)" + where, context, "Bearer " + ada).expect(200)
          .and(caller("ACCESS_TOKEN")));
      rows.add(bearerRow("scheme in lower case (control)" + where, context, "bearer " + ada).expect(200)
          .and(caller("ACCESS_TOKEN")));
      rows.add(bearerRow("the demo API key (control)" + where, context, "Bearer " + secret("sk_demo_reports_0123456789abcdef"))
          .expect(200).and(caller("API_KEY")));
    }
    return table("bearer", rows);
  }

  /** A bearer request for JSON on the API path of {@code context}; nothing it gets may be a redirect or a cookie. */
  static HostileCase bearerRow(String name, String context, String authorization) {
    return HostileCase.get(name, context + "/api/orders").asApi().header("Authorization", authorization)
        .and(noBearerSideEffects());
  }

  static java.util.function.Consumer<RawHttp.Response> noBearerSideEffects() {
    return r -> {
      assertTrue(r.header("Location").isEmpty(), "a bearer request is never redirected: " + r.headers());
      assertTrue(r.setCookie(SESSION).isEmpty(), "a bearer request never gets a session cookie: " + r.all("set-cookie"));
    };
  }

  static java.util.function.Consumer<RawHttp.Response> invalidToken() {
    return r -> {
      assertTrue(r.header("WWW-Authenticate").orElse("").matches("Bearer realm=\"[^\"]+\", error=\"invalid_token\""),
          r.headers().toString());
      assertTrue(r.body().contains("\"error\":\"invalid_token\""), r.body());
      assertTrue(r.body().contains("\"message\":\"The bearer credential is not valid.\""), "no detail: " + r.body());
    };
  }

  static java.util.function.Consumer<RawHttp.Response> caller(String credentialType) {
    return r -> assertTrue(r.body().contains("\"credentialType\":\"" + credentialType + "\""), r.body());
  }

  String secret(String value) {
    secrets.add(value);
    return value;
  }

  /** A session of ada's whose cookie signed out on {@code context}: its access token. */
  String signedOutToken(String context) {
    var session = WORKOS.issueSession("ada@example.com");
    String cookie = sealed("{\"accessToken\":\"" + session.accessToken() + "\",\"refreshToken\":\""
        + session.refreshToken() + "\"}");
    RawHttp.Response logout = raw().send("GET", context + "/logout",
        List.of(new String[] {"Accept", Browser.HTML}, new String[] {"Cookie", SESSION + "=" + cookie}));
    assertEquals(302, logout.status(), logout.body());
    return secret(session.accessToken());
  }

  String hmacWithPublicKey(String kid, String issuer) throws Exception {
    com.nimbusds.jose.jwk.RSAKey published = (com.nimbusds.jose.jwk.RSAKey) com.nimbusds.jose.jwk.JWKSet
        .load(new URL(WORKOS.baseUrl() + "/sso/jwks/" + WORKOS.clientId())).getKeys().get(0);
    com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
        new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256).keyID(kid).build(),
        new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuer).subject("user_forged").claim("sid", "session_forged")
            .expirationTime(java.util.Date.from(SharedTestClock.INSTANCE.instant().plusSeconds(300))).build());
    jwt.sign(new com.nimbusds.jose.crypto.MACSigner(published.toRSAPublicKey().getEncoded()));
    return jwt.serialize();
  }

  /** One character in the middle of the signature changed. */
  static String flipInSignature(String token) {
    int at = token.lastIndexOf('.') + 10;
    return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }
}
