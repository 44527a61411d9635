package io.github.authkitservlet.internal.config;

/**
 * A configuration value is missing or invalid. The message names the setting and its environment
 * variable and says what to do; it never contains the value of a secret setting.
 *
 * <p>Internal API: the filter and servlets turn it into a {@code ServletException} at startup.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem with one setting: the message is prefixed with the setting's key and env var. */
  public ConfigException(Setting setting, String problem) {
    super(setting.describe() + " " + problem);
  }

  /** A problem that is not about one setting (for example an unknown key). */
  public ConfigException(String message) {
    super(message);
  }
}
