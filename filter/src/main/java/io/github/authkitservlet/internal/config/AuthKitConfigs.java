package io.github.authkitservlet.internal.config;

import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.Objects;

/**
 * Gives each component (filter or servlet) its {@link AuthKitConfig}.
 *
 * <p>The common case, no {@code workos.*} init-params, shares one instance per application: it is
 * parsed once and cached as a {@link ServletContext} attribute, so the filter and the servlets see
 * the same object and the environment is read once. A component with {@code workos.*} init-params
 * gets its own instance in which those take precedence.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
public final class AuthKitConfigs {

  /** ServletContext attribute holding the shared configuration. */
  public static final String CONTEXT_ATTRIBUTE = AuthKitConfig.class.getName();

  private AuthKitConfigs() {}

  /**
   * The configuration for a component.
   *
   * @param context the application
   * @param workosInitParams the component's init-params whose names start with {@code workos.}
   *     (may be empty)
   * @throws ConfigException when a setting is missing or invalid, or an init-param names no setting
   */
  public static AuthKitConfig forComponent(ServletContext context, Map<String, String> workosInitParams)
      throws ConfigException {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(workosInitParams, "workosInitParams");
    for (String key : workosInitParams.keySet()) {
      if (Setting.forKey(key).isEmpty()) {
        throw new ConfigException("unknown setting '" + key + "'; known: " + Setting.knownKeys());
      }
    }
    if (!workosInitParams.isEmpty()) {
      return AuthKitConfig.load(SettingSource.standard(SettingSource.of(workosInitParams), context));
    }
    // Components initialise one by one at startup, but a servlet without load-on-startup
    // initialises on its first request: lock so the shared instance is parsed only once.
    synchronized (context) {
      Object cached = context.getAttribute(CONTEXT_ATTRIBUTE);
      if (cached instanceof AuthKitConfig shared) {
        return shared;
      }
      AuthKitConfig shared = AuthKitConfig.load(SettingSource.standard(SettingSource.of(Map.of()), context));
      context.setAttribute(CONTEXT_ATTRIBUTE, shared);
      return shared;
    }
  }
}
