package io.github.authkitservlet.internal.config;

import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where raw setting values come from, by key ({@code workos.api-key}).
 *
 * <p>Every factory treats a blank value as absent and trims values, so an empty
 * {@code <context-param>} or an exported-but-empty environment variable falls through to the next
 * source instead of becoming an invalid value.
 *
 * <p>Internal API: public only because several packages of this library share it.
 */
@FunctionalInterface
public interface SettingSource {

  /** The trimmed, non-blank value for {@code key}, or empty. */
  Optional<String> get(String key);

  /** A source backed by a map of key → value (for init-param overrides and tests). */
  static SettingSource of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return key -> clean(copy.get(key));
  }

  /** The application's {@code <context-param>}s. */
  static SettingSource contextParams(ServletContext context) {
    Objects.requireNonNull(context, "context");
    return key -> clean(context.getInitParameter(key));
  }

  /** Java system properties ({@code -Dworkos.api-key=...}), read at each call. */
  static SettingSource systemProperties() {
    return key -> clean(System.getProperty(key));
  }

  /** The process environment, with the key mapped to its variable ({@code WORKOS_API_KEY}). */
  static SettingSource environment() {
    return environment(System::getenv);
  }

  /**
   * An environment given as a function of variable name (tests pass a map's {@code get}); the key
   * is mapped to the variable name by the rule of {@link Setting}.
   */
  static SettingSource environment(UnaryOperator<String> variables) {
    Objects.requireNonNull(variables, "variables");
    return key -> clean(variables.apply(Setting.envVarFor(key)));
  }

  /** The first source that has a value wins; list them in precedence order. */
  static SettingSource firstOf(SettingSource... sources) {
    List<SettingSource> ordered = List.of(sources);
    return key -> {
      for (SettingSource source : ordered) {
        Optional<String> value = source.get(key);
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The standard chain for a component: its init-params, then context-params, system properties
   * and the environment.
   */
  static SettingSource standard(SettingSource initParams, ServletContext context) {
    return firstOf(initParams, contextParams(context), systemProperties(), environment());
  }

  private static Optional<String> clean(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }
}
