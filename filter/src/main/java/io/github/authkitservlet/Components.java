package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.AuthKitConfigs;
import io.github.authkitservlet.internal.config.ConfigException;
import io.github.authkitservlet.internal.config.Setting;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Start-up plumbing shared by the filter and the servlets. */
final class Components {

  private Components() {}

  /**
   * Checks a component's init-param names and returns its runtime.
   *
   * @param kind "filter" or "servlet", for messages
   * @param known the init-params the component accepts besides {@code workos.*}
   */
  static AuthKitRuntime start(String kind, String name, ServletContext context, Enumeration<String> paramNames,
      Function<String, String> params, List<String> known) throws ServletException {
    Map<String, String> workosParams = new LinkedHashMap<>();
    for (String param : Collections.list(paramNames)) {
      if (param.startsWith(Setting.PREFIX)) {
        workosParams.put(param, params.apply(param));
      } else if (!known.contains(param)) {
        List<String> all = new ArrayList<>(new TreeSet<>(known));
        all.add("workos.*");
        throw new ServletException("unknown init-param '" + param + "' on " + kind + " '" + name
            + "'; known: " + String.join(", ", all));
      }
    }
    AuthKitConfig config;
    try {
      config = AuthKitConfigs.forComponent(context, workosParams);
    } catch (ConfigException e) {
      // The message names the setting and its environment variable, never a secret's value.
      throw new ServletException("AuthKit " + kind + " '" + name + "' cannot start: " + e.getMessage(), e);
    }
    try {
      return RuntimeRegistry.of(context).acquire(config);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ServletException("AuthKit " + kind + " '" + name + "' cannot start: " + e.getMessage(), e);
    }
  }
}
