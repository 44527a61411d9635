package io.github.authkitservlet.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthKitConfigsTest {

  /** The parts of a ServletContext that configuration uses: context-params and attributes. */
  private static final class Context {
    final Map<String, String> params = new HashMap<>(AuthKitConfigTest.required());
    final Map<String, Object> attributes = new HashMap<>();
    final ServletContext servletContext = (ServletContext) Proxy.newProxyInstance(
        ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class}, (proxy, method, args) ->
            switch (method.getName()) {
              case "getInitParameter" -> params.get((String) args[0]);
              case "getAttribute" -> attributes.get((String) args[0]);
              case "setAttribute" -> attributes.put((String) args[0], args[1]);
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "test context";
              default -> throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void withoutOverridesEveryComponentSharesOneInstanceParsedOnce() throws Exception {
    Context context = new Context();
    AuthKitConfig first = AuthKitConfigs.forComponent(context.servletContext, Map.of());
    assertSame(first, context.attributes.get(AuthKitConfigs.CONTEXT_ATTRIBUTE));
    context.params.put("workos.client-id", "changed-after-startup");
    AuthKitConfig second = AuthKitConfigs.forComponent(context.servletContext, Map.of());
    assertSame(first, second);
    assertEquals("client_123", second.clientId());
  }

  @Test
  void overridesTakePrecedenceAndDoNotReplaceTheSharedInstance() throws Exception {
    Context context = new Context();
    AuthKitConfig shared = AuthKitConfigs.forComponent(context.servletContext, Map.of());
    AuthKitConfig overridden = AuthKitConfigs.forComponent(context.servletContext,
        Map.of("workos.redirect-uri", "/signup/callback", "workos.cookie-name", "other"));
    assertNotSame(shared, overridden);
    assertEquals("/signup/callback", overridden.redirectUri());
    assertEquals("other", overridden.cookieName());
    assertEquals("client_123", overridden.clientId(), "the rest still comes from the context");
    assertSame(shared, AuthKitConfigs.forComponent(context.servletContext, Map.of()));
  }

  @Test
  void anUnknownOverrideNamesItselfAndTheKnownSettings() {
    Context context = new Context();
    ConfigException e = assertThrows(ConfigException.class,
        () -> AuthKitConfigs.forComponent(context.servletContext, Map.of("workos.cookie-pasword", "x")));
    assertTrue(e.getMessage().startsWith("unknown setting 'workos.cookie-pasword'; known: workos.api-key, "), e.getMessage());
    assertTrue(e.getMessage().contains("workos.cookie-password"), e.getMessage());
  }

  @Test
  void aFailureIsNotCachedSoTheNextComponentReportsItToo() {
    Context context = new Context();
    context.params.remove("workos.api-key");
    for (int i = 0; i < 2; i++) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> AuthKitConfigs.forComponent(context.servletContext, Map.of()));
      assertTrue(e.getMessage().startsWith("workos.api-key (env WORKOS_API_KEY)"), e.getMessage());
    }
    assertNull(context.attributes.get(AuthKitConfigs.CONTEXT_ATTRIBUTE));
  }
}
