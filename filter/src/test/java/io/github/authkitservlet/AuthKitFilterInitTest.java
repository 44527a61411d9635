package io.github.authkitservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.AuthKitConfigs;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.RegistrationListener;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up failures of the filter, the servlets and the security listener: typo protection and
 * configuration errors; and the listener's registration with the container.
 */
class AuthKitFilterInitTest {

  private static final String PASSWORD = "a-cookie-password-that-is-long-enough-123";

  private static ServletContext context(Map<String, String> contextParams) {
    Map<String, Object> attributes = new HashMap<>();
    return (ServletContext) Proxy.newProxyInstance(AuthKitFilterInitTest.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (p, m, args) -> switch (m.getName()) {
          case "getInitParameter" -> contextParams.get((String) args[0]);
          case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
          case "getContextPath" -> "/unit";
          case "getVirtualServerName" -> "localhost";
          case "getClassLoader" -> AuthKitFilterInitTest.class.getClassLoader();
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "hashCode" -> System.identityHashCode(p);
          case "equals" -> p == args[0];
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  /** A FilterConfig or ServletConfig: the two interfaces differ only in how they name the component. */
  private static <T> T componentConfig(Class<T> type, String name, Map<String, String> initParams,
      ServletContext context) {
    return type.cast(Proxy.newProxyInstance(AuthKitFilterInitTest.class.getClassLoader(),
        new Class<?>[] {type}, (p, m, args) -> switch (m.getName()) {
          case "getFilterName", "getServletName" -> name;
          case "getServletContext" -> context;
          case "getInitParameter" -> initParams.get((String) args[0]);
          case "getInitParameterNames" -> Collections.enumeration(initParams.keySet());
          default -> throw new UnsupportedOperationException(m.getName());
        }));
  }

  private static FilterConfig filterConfig(String name, Map<String, String> initParams, ServletContext context) {
    return componentConfig(FilterConfig.class, name, initParams, context);
  }

  private static Map<String, String> validContext() {
    return Map.of(
        "workos.api-key", "sk_test_secret_value_123",
        "workos.client-id", "client_123",
        "workos.redirect-uri", "/callback",
        "workos.cookie-password", PASSWORD);
  }

  @Test
  void anUnknownInitParamStopsStartupNamingItAndTheKnownOnes() {
    ServletException e = assertThrows(ServletException.class, () -> new AuthKitFilter().init(
        filterConfig("AuthKit", Map.of("roles-alowed", "admin"), context(validContext()))));
    assertEquals("unknown init-param 'roles-alowed' on filter 'AuthKit'; known: api-paths, bearer, cors-preflight,"
        + " permissions-required, public-paths, roles-allowed, workos.*", e.getMessage());
  }

  @Test
  void aConfigurationErrorStopsStartupWithTheSettingAndItsEnvVarButNoSecret() {
    Map<String, String> params = new HashMap<>(validContext());
    params.put("workos.cookie-password", "too-short-secret");
    ServletException e = assertThrows(ServletException.class, () -> new AuthKitFilter().init(
        filterConfig("AuthKit", Map.of(), context(params))));
    assertTrue(e.getMessage().startsWith("AuthKit filter 'AuthKit' cannot start: "), e.getMessage());
    assertTrue(e.getMessage().contains("workos.cookie-password"), e.getMessage());
    assertTrue(e.getMessage().contains("WORKOS_COOKIE_PASSWORD"), e.getMessage());
    assertFalse(e.getMessage().contains("too-short-secret"), e.getMessage());
  }

  @Test
  void aListenerThatCannotBeLoadedStopsStartupNamingTheSetting() {
    Map<String, String> params = new HashMap<>(validContext());
    params.put("workos.listeners", "com.example.Missing");
    ServletException e = assertThrows(ServletException.class, () -> new AuthKitFilter().init(
        filterConfig("AuthKit", Map.of(), context(params))));
    assertEquals("AuthKit filter 'AuthKit' cannot start: workos.listeners (env WORKOS_LISTENERS): class"
        + " 'com.example.Missing' is not on the application's class path", e.getMessage());
  }

  @Test
  void aBadPatternStopsStartupNamingTheInitParam() {
    ServletException e = assertThrows(ServletException.class, () -> new AuthKitFilter().init(
        filterConfig("AuthKit", Map.of("public-paths", "/ok/*, no-slash"), context(validContext()))));
    assertTrue(e.getMessage().startsWith("init-param 'public-paths' on filter 'AuthKit': "), e.getMessage());
  }

  @Test
  void aValidConfigurationStartsAndStops() throws Exception {
    ServletContext context = context(validContext());
    AuthKitFilter filter = new AuthKitFilter();
    filter.init(filterConfig("AuthKit", Map.of("public-paths", "/public/*", "roles-allowed", "admin"), context));
    // The filter and later components share one parsed configuration and one runtime.
    AuthKitConfig shared = (AuthKitConfig) context.getAttribute(AuthKitConfigs.CONTEXT_ATTRIBUTE);
    assertEquals("client_123", shared.clientId());
    RuntimeRegistry registry = RuntimeRegistry.of(context);
    AuthKitRuntime runtime = registry.acquire(shared);
    assertSame(runtime, registry.acquire(shared));
    registry.release(runtime);
    registry.release(runtime);
    filter.destroy();
    AuthKitRuntime afterStop = registry.acquire(shared);
    assertNotSame(runtime, afterStop, "the last user closed the old runtime");
    registry.release(afterStop);
  }

  @Test
  void aBadScreenHintStopsTheLoginServletWithoutHoldingTheRuntime() throws Exception {
    ServletContext context = context(validContext());
    ServletException e = assertThrows(ServletException.class, () -> new AuthKitLoginServlet().init(
        componentConfig(ServletConfig.class, "AuthKitSignUp", Map.of("screen-hint", "signup"), context)));
    assertEquals("init-param 'screen-hint' on servlet 'AuthKitSignUp' must be sign-up or sign-in (got 'signup')",
        e.getMessage());

    // The container never calls destroy() after a failed init(), so nothing may have been acquired.
    AuthKitConfig config = AuthKitConfigs.forComponent(context, Map.of());
    RuntimeRegistry registry = RuntimeRegistry.of(context);
    AuthKitRuntime first = registry.acquire(config);
    registry.release(first);
    AuthKitRuntime second = registry.acquire(config);
    assertNotSame(first, second, "releasing our only use closed the runtime: the failed servlet held none");
    registry.release(second);
  }

  // ---------------------------------------------------------------- the security listener

  private static Map<String, String> validContextWith(String name, String value) {
    Map<String, String> params = new HashMap<>(validContext());
    params.put(name, value);
    return params;
  }

  private static String listenerFailure(Map<String, String> contextParams) {
    ServletContext context = context(contextParams);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new AuthKitSecurityListener().contextInitialized(new ServletContextEvent(context)));
    return e.getMessage();
  }

  @Test
  void theListenerRefusesRulesTheContainerMakes() {
    assertEquals("context-param 'authkit.public-paths' does not apply to AuthKitSecurityListener: the container"
        + " decides which resources need a user and which roles may enter; use <security-constraint> with"
        + " <auth-constraint> (roles are WorkOS roles and permission:<slug>)",
        listenerFailure(validContextWith("authkit.public-paths", "/")));
    assertTrue(listenerFailure(validContextWith("authkit.roles-allowed", "admin")).startsWith(
        "context-param 'authkit.roles-allowed' does not apply"));
  }

  @Test
  void theListenerNamesAMisspeltContextParamAndTheKnownOnes() {
    assertEquals("unknown context-param 'authkit.api-path' for AuthKitSecurityListener; known: authkit.api-paths,"
        + " authkit.bearer, authkit.cors-preflight", listenerFailure(validContextWith("authkit.api-path", "/api/*")));
    assertEquals("context-param 'authkit.bearer' for AuthKitSecurityListener: must list access-token (WorkOS access"
        + " tokens, the default), api-key (your customers' WorkOS API keys), both, or none, got 'tokens'",
        listenerFailure(validContextWith("authkit.bearer", "tokens")));
  }

  @Test
  void theListenerNamesAMissingSetting() {
    Map<String, String> params = new HashMap<>(validContext());
    params.remove("workos.cookie-password");
    String message = listenerFailure(params);
    assertTrue(message.startsWith("AuthKit listener 'AuthKitSecurityListener' cannot start: workos.cookie-password"
        + " (env WORKOS_COOKIE_PASSWORD) is required but not set"), message);
  }

  @Test
  void theListenerRegistersTheModuleForThisApplicationAndRemovesItAtShutdown() {
    ServletContext context = context(validContextWith("authkit.api-paths", "/api/*"));
    AuthKitSecurityListener listener = new AuthKitSecurityListener();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    listener.contextInitialized(new ServletContextEvent(context));
    try {
      assertNotNull(factory.getConfigProvider("HttpServlet", "localhost /unit", null),
          "registered under the servlet profile's application context id");
    } finally {
      listener.contextDestroyed(new ServletContextEvent(context));
    }
    assertNull(factory.getConfigProvider("HttpServlet", "localhost /unit", null), "removed");
  }

  @Test
  void aContainerThatCannotRegisterAModuleFailsTheStartSayingWhatToUseInstead() {
    AuthConfigFactory before = AuthConfigFactory.getFactory();
    AuthConfigFactory.setFactory(new WithoutModuleRegistration());
    try {
      String message = listenerFailure(validContext());
      assertTrue(message.startsWith("AuthKit listener cannot start: this container's Jakarta Authentication cannot"
          + " register a ServerAuthModule"), message);
      assertTrue(message.endsWith("use io.github.authkitservlet.AuthKitFilter instead"), message);
    } finally {
      AuthConfigFactory.setFactory(before);
    }
  }

  /** A factory as Jetty 12's is written: everything but Jakarta Authentication 3.0's registerServerAuthModule. */
  private static final class WithoutModuleRegistration extends AuthConfigFactory {
    @Override
    public AuthConfigProvider getConfigProvider(String layer, String appContext, RegistrationListener listener) {
      return null;
    }

    @Override
    public String registerConfigProvider(String className, Map<String, String> properties, String layer,
        String appContext, String description) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String registerConfigProvider(AuthConfigProvider provider, String layer, String appContext,
        String description) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeRegistration(String registrationID) {
      return false;
    }

    @Override
    public String[] detachListener(RegistrationListener listener, String layer, String appContext) {
      return new String[0];
    }

    @Override
    public String[] getRegistrationIDs(AuthConfigProvider provider) {
      return new String[0];
    }

    @Override
    public RegistrationContext getRegistrationContext(String registrationID) {
      return null;
    }

    @Override
    public void refresh() {
      // nothing registered, nothing to reload
    }

    @Override
    public String registerServerAuthModule(ServerAuthModule serverAuthModule, Object context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void removeServerAuthModule(Object context) {
      throw new UnsupportedOperationException();
    }
  }
}
