package io.github.authkitservlet.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingSourceTest {

  @ParameterizedTest
  @EnumSource(Setting.class)
  void everySettingMapsToItsEnvironmentVariableByTheOneRule(Setting setting) {
    assertTrue(setting.key().startsWith(Setting.PREFIX), setting.key());
    String expected = setting.key().toUpperCase().replace('.', '_').replace('-', '_');
    assertEquals(expected, setting.envVar());
    assertEquals(Optional.of(setting), Setting.forKey(setting.key()));
    assertTrue(Setting.knownKeys().contains(setting.key()));
  }

  @Test
  void theDocumentedNamesAndDefaults() {
    assertEquals("WORKOS_API_KEY", Setting.API_KEY.envVar());
    assertEquals("WORKOS_COOKIE_PASSWORD_PREVIOUS", Setting.COOKIE_PASSWORD_PREVIOUS.envVar());
    assertEquals("WORKOS_HTTP_CONNECT_TIMEOUT", Setting.HTTP_CONNECT_TIMEOUT.envVar());
    assertEquals(Optional.of("api.workos.com"), Setting.API_HOSTNAME.defaultValue());
    assertEquals(Optional.of("wos-session"), Setting.COOKIE_NAME.defaultValue());
    assertEquals(Optional.of("34560000"), Setting.COOKIE_MAX_AGE.defaultValue());
    assertEquals(Optional.empty(), Setting.API_KEY.defaultValue());
    assertTrue(Setting.API_KEY.isSecret() && Setting.COOKIE_PASSWORD.isSecret() && Setting.COOKIE_PASSWORD_PREVIOUS.isSecret());
    assertEquals(Optional.empty(), Setting.forKey("workos.api_key"));
  }

  @Test
  void precedenceIsInitParamThenContextParamThenSystemPropertyThenEnvironmentThenDefault() throws Exception {
    Map<String, String> init = new HashMap<>();
    Map<String, String> context = new HashMap<>();
    Map<String, String> env = new HashMap<>();
    String property = Setting.COOKIE_NAME.key();
    String previous = System.getProperty(property);
    try {
      // SettingSource.of snapshots its map, so the chain is rebuilt after each change.
      java.util.function.Supplier<SettingSource> chain = () -> withRequired(SettingSource.firstOf(
          SettingSource.of(init), SettingSource.of(context), SettingSource.systemProperties(),
          SettingSource.environment(env::get)));
      assertEquals("wos-session", AuthKitConfig.load(chain.get()).cookieName(), "nothing set: the default");
      env.put("WORKOS_COOKIE_NAME", "from-env");
      assertEquals("from-env", AuthKitConfig.load(chain.get()).cookieName());
      System.setProperty(property, "from-sysprop");
      assertEquals("from-sysprop", AuthKitConfig.load(chain.get()).cookieName());
      context.put(property, "from-context");
      assertEquals("from-context", AuthKitConfig.load(chain.get()).cookieName());
      init.put(property, "from-init");
      assertEquals("from-init", AuthKitConfig.load(chain.get()).cookieName());
    } finally {
      if (previous == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, previous);
      }
    }
  }

  /** The required settings come last, so the chain under test decides everything else. */
  private static SettingSource withRequired(SettingSource chain) {
    return SettingSource.firstOf(chain, SettingSource.of(AuthKitConfigTest.required()));
  }

  @Test
  void blankValuesFallThroughAndValuesAreTrimmed() {
    Map<String, String> first = new HashMap<>();
    first.put("workos.client-id", "   ");
    first.put("workos.api-hostname", "");
    SettingSource chain = SettingSource.firstOf(SettingSource.of(first),
        SettingSource.environment(Map.of("WORKOS_CLIENT_ID", "  client_env \n", "WORKOS_API_HOSTNAME", "\t")::get));
    assertEquals(Optional.of("client_env"), chain.get("workos.client-id"));
    assertEquals(Optional.empty(), chain.get("workos.api-hostname"));
    assertEquals(Optional.empty(), chain.get("workos.cookie-domain"));
  }

  @Test
  void theEnvironmentIsReadByVariableName() {
    Map<String, String> env = Map.of("WORKOS_COOKIE_MAX_AGE", "600", "workos.cookie-max-age", "wrong");
    assertEquals(Optional.of("600"), SettingSource.environment(env::get).get("workos.cookie-max-age"));
  }
}
