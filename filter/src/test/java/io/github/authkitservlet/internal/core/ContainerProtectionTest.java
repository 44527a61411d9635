package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.emulator.AuthKitEmulatorExtension;
import io.github.authkitservlet.internal.core.CoreFixture.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SecurityLogic#decide} when the servlet container says whether a caller is needed (the
 * Jakarta Authentication module: {@link Protection#CONTAINER_REQUIRED} for a resource under an
 * {@code <auth-constraint>}, {@link Protection#CONTAINER_OPTIONAL} for any other), as a table. The
 * container's word replaces the declaration's {@code public-paths}; everything else (sessions,
 * refresh, cookies, page or JSON answers) is decided as for the filter.
 */
class ContainerProtectionTest {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  /** The module's rules: API paths only (the container decides who may enter). */
  static final Map<String, String> MODULE = Map.of("api-paths", "/api/*");
  /** Rules that call everything public: the container's "required" still wins. */
  static final Map<String, String> ALL_PUBLIC = Map.of("public-paths", "/*", "api-paths", "/api/*");

  static final Consumer<AuthKitEmulator> WORKOS_UP = w -> { };
  static final Consumer<AuthKitEmulator> WORKOS_DOWN =
      w -> w.addErrorHook("POST", "/user_management/authenticate", 503, null, 0, Duration.ZERO);

  static final Protection REQUIRED = Protection.CONTAINER_REQUIRED;
  static final Protection OPTIONAL = Protection.CONTAINER_OPTIONAL;

  static Arguments row(String name, Map<String, String> rules, Protection protection, UnaryOperator<FakeFacts> request,
      Session session, Consumer<AuthKitEmulator> workos, String expected) {
    return Arguments.of(name, rules, protection, request, session, workos, expected);
  }

  static Stream<Arguments> rows() {
    String toLogin = "redirect /app/login?returnTo=";
    return Stream.of(
        // Required: like a protected path of the filter.
        row("required, signed out, page", MODULE, REQUIRED, r -> r.path("/reports").asPage(), Session.NONE, WORKOS_UP,
            toLogin + "%2Freports [no-store]"),
        row("required, signed out, script", MODULE, REQUIRED, r -> r.path("/reports").asApi(), Session.NONE, WORKOS_UP,
            "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("required, signed out, api-paths", MODULE, REQUIRED, r -> r.path("/api/reports").asPage(), Session.NONE,
            WORKOS_UP, "refuse 401 unauthenticated json www-authenticate [no-store]"),
        row("required, garbage cookie", MODULE, REQUIRED, r -> r.path("/reports").asPage(), Session.GARBAGE, WORKOS_UP,
            toLogin + "%2Freports [no-store ClearSession]"),
        row("required, session", MODULE, REQUIRED, r -> r.path("/reports").asPage(), Session.MEMBER, WORKOS_UP,
            "proceed user [no-store]"),
        row("required, session due for refresh", MODULE, REQUIRED, r -> r.path("/reports").asPage(), Session.MEMBER_DUE,
            WORKOS_UP, "proceed user [no-store SetSession]"),
        row("required, expired session, WorkOS down", MODULE, REQUIRED, r -> r.path("/reports").asPage(),
            Session.MEMBER_EXPIRED, WORKOS_DOWN, "refuse 503 unavailable page retry-after [no-store]"),
        row("required beats public-paths", ALL_PUBLIC, REQUIRED, r -> r.path("/reports").asPage(), Session.NONE,
            WORKOS_UP, toLogin + "%2Freports [no-store]"),
        row("required, CORS preflight", MODULE, REQUIRED, r -> r.method("OPTIONS").path("/api/reports")
            .header("Origin", "https://other.example").header("Access-Control-Request-Method", "GET"), Session.NONE,
            WORKOS_UP, "refuse 403 cors_preflight_refused json [no-store]"),
        row("required on AuthKit's own login servlet (misconfigured)", MODULE, REQUIRED, r -> r.path("/login").asPage(),
            Session.NONE, WORKOS_UP, "proceed anonymous []"),
        // Optional: a caller is shown when there is one, never required.
        row("optional, signed out", MODULE, OPTIONAL, r -> r.path("/").asPage(), Session.NONE, WORKOS_UP,
            "proceed anonymous []"),
        row("optional, signed out, api-paths", MODULE, OPTIONAL, r -> r.path("/api/me").asApi(), Session.NONE,
            WORKOS_UP, "proceed anonymous []"),
        row("optional, session", MODULE, OPTIONAL, r -> r.path("/").asPage(), Session.MEMBER, WORKOS_UP,
            "proceed user [no-store]"),
        row("optional, garbage cookie", MODULE, OPTIONAL, r -> r.path("/").asPage(), Session.GARBAGE, WORKOS_UP,
            "proceed anonymous [no-store ClearSession]"),
        row("optional, session due for refresh", MODULE, OPTIONAL, r -> r.path("/api/me").asApi(), Session.MEMBER_DUE,
            WORKOS_UP, "proceed user [no-store SetSession]"),
        row("optional, expired session, WorkOS down", MODULE, OPTIONAL, r -> r.path("/").asPage(),
            Session.MEMBER_EXPIRED, WORKOS_DOWN, "proceed anonymous [no-store]"),
        row("optional, CORS preflight", MODULE, OPTIONAL, r -> r.method("OPTIONS").path("/api/me")
            .header("Origin", "https://other.example").header("Access-Control-Request-Method", "GET"), Session.NONE,
            WORKOS_UP, "proceed anonymous []"),
        // The filter's rules, for comparison: the same request decided by public-paths.
        row("rules, all public", ALL_PUBLIC, Protection.RULES, r -> r.path("/reports").asPage(), Session.NONE, WORKOS_UP,
            "proceed anonymous []"));
  }

  @RegisterExtension
  final FreshCoreFixture core = new FreshCoreFixture(WORKOS);

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decides(String name, Map<String, String> initParams, Protection protection, UnaryOperator<FakeFacts> request,
      Session session, Consumer<AuthKitEmulator> workos, String expected) throws Exception {
    CoreFixture fixture = core.get();
    String cookie = fixture.cookie(session);
    workos.accept(fixture.emulator);
    RequestFacts facts = request.apply(new FakeFacts()).cookie(cookie).protection(protection).build();
    Decision decision = fixture.core.security().decide(facts, AccessRules.parse(new HashMap<>(initParams)::get),
        CoreFixture.SITE, CoreFixture.freshMemory());
    assertEquals(expected, CoreFixture.describe(decision));
  }
}
