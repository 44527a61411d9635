package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.AccessRules;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes WorkOS AuthKit the servlet container's own authentication (Jakarta Authentication 3.0),
 * so that {@code <security-constraint>}s with {@code <auth-constraint>}, {@code @RolesAllowed}
 * and {@code request.isUserInRole} work with AuthKit sessions and bearer credentials.
 *
 * <p>Declare it in {@code web.xml} ({@code <listener><listener-class>io.github.authkitservlet.AuthKitSecurityListener</listener-class></listener>})
 * with the same {@code workos.*} settings as {@link AuthKitFilter}. At start-up it registers a
 * {@code ServerAuthModule} for this application with
 * {@code AuthConfigFactory.getFactory().registerServerAuthModule(module, servletContext)}; at
 * shutdown it removes it. The module asks the same decision core as the filter:
 * <ul>
 *   <li>a resource under an {@code <auth-constraint>}: without a session, page navigations are
 *       redirected to the login servlet and API calls get 401 JSON; with one, the container's
 *       roles decide (403 otherwise);
 *   <li>any other resource: a session or bearer credential, if present, is established (the user
 *       is visible), never required;
 *   <li>the caller's container roles are its WorkOS roles and {@code permission:<slug>} for each
 *       WorkOS permission ({@code workos.container-roles});
 *   <li>refreshed sessions are resealed into the cookie as by the filter.
 * </ul>
 *
 * <p>Context-params (names and patterns separated by commas or whitespace):
 * <ul>
 *   <li>{@code authkit.api-paths}: patterns that always get 401/403 JSON, never a redirect, and
 *       where {@code Authorization: Bearer} credentials are read;
 *   <li>{@code authkit.bearer}: {@code access-token} (the default), {@code api-key}, both, or
 *       {@code none};
 *   <li>{@code authkit.cors-preflight}: {@code reject} (the default) or {@code pass}.
 * </ul>
 * Which resources need a caller and which roles may enter is the container's business here:
 * {@code authkit.public-paths}, {@code authkit.roles-allowed} and {@code authkit.permissions-required}
 * are refused at start-up, as is any unknown {@code authkit.*} name or bad setting. A container
 * without Jakarta Authentication fails the application's start with a message saying so.
 *
 * <p>Keep AuthKit's login, callback and logout servlets outside every {@code <auth-constraint>}.
 */
public class AuthKitSecurityListener implements ServletContextListener {

  /** Prefix of the listener's context-params. */
  public static final String PARAM_PREFIX = "authkit.";

  private static final Logger LOG = Logger.getLogger(AuthKitSecurityListener.class.getName());
  private static final List<String> KNOWN = List.of(AccessRules.API_PATHS, AccessRules.BEARER, AccessRules.CORS_PREFLIGHT);
  private static final List<String> CONTAINER_DECIDES =
      List.of(AccessRules.PUBLIC_PATHS, AccessRules.ROLES_ALLOWED, AccessRules.PERMISSIONS_REQUIRED);

  private ServletContext context;
  private AuthKitRuntime runtime;
  private ModuleRegistration registration;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    context = event.getServletContext();
    AccessRules rules;
    try {
      rules = rules(context);
      runtime = Components.start("listener", getClass().getSimpleName(), context, Collections.emptyEnumeration(),
          name -> null, List.of());
    } catch (ServletException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try {
      registration = ModuleRegistration.register(new AuthKitAuthModule(runtime, rules, new SiteLookup(context)), context);
    } catch (UnsupportedOperationException e) {
      release();
      throw new IllegalStateException("AuthKit listener cannot start: this container's Jakarta Authentication cannot"
          + " register a ServerAuthModule for an application (AuthConfigFactory.registerServerAuthModule, Jakarta"
          + " Authentication 3.0; Jetty 12 does not implement it); use io.github.authkitservlet.AuthKitFilter instead", e);
    } catch (RuntimeException | LinkageError e) {
      release();
      throw new IllegalStateException("AuthKit listener cannot start: this container offers no Jakarta Authentication"
          + " (" + e.getClass().getSimpleName() + "); use io.github.authkitservlet.AuthKitFilter instead, or run on a"
          + " container that has it (Tomcat 10.1+, Payara 6)", e);
    }
    LOG.log(Level.CONFIG, "AuthKit registered as the container''s authentication for {0} with {1}",
        new Object[] {context.getContextPath().isEmpty() ? "/" : context.getContextPath(), runtime.config});
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (registration != null) {
      try {
        registration.remove();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not remove AuthKit''s authentication module ({0})", e.getClass().getSimpleName());
      }
      registration = null;
    }
    release();
  }

  private void release() {
    if (runtime != null) {
      RuntimeRegistry.of(context).release(runtime);
      runtime = null;
    }
  }

  /** The module's rules from the {@code authkit.*} context-params; any other name fails start-up. */
  private static AccessRules rules(ServletContext context) throws ServletException {
    for (String name : Collections.list(context.getInitParameterNames())) {
      if (!name.startsWith(PARAM_PREFIX)) {
        continue;
      }
      String param = name.substring(PARAM_PREFIX.length());
      if (CONTAINER_DECIDES.contains(param)) {
        throw new ServletException("context-param '" + name + "' does not apply to AuthKitSecurityListener: the"
            + " container decides which resources need a user and which roles may enter; use <security-constraint>"
            + " with <auth-constraint> (roles are WorkOS roles and permission:<slug>)");
      }
      if (!KNOWN.contains(param)) {
        List<String> known = new ArrayList<>();
        new TreeSet<>(KNOWN).forEach(k -> known.add(PARAM_PREFIX + k));
        throw new ServletException("unknown context-param '" + name + "' for AuthKitSecurityListener; known: "
            + String.join(", ", known));
      }
    }
    try {
      // Every authkit.* context-param set is one of KNOWN by now.
      return AccessRules.parse(param -> context.getInitParameter(PARAM_PREFIX + param));
    } catch (AccessRules.InvalidParam e) {
      throw new ServletException("context-param '" + PARAM_PREFIX + e.param() + "' for AuthKitSecurityListener: "
          + e.getMessage(), e);
    }
  }

  /** The module's registration with the container's {@link AuthConfigFactory}. */
  private record ModuleRegistration(AuthConfigFactory factory, ServletContext context) {

    static ModuleRegistration register(AuthKitAuthModule module, ServletContext context) {
      AuthConfigFactory factory = AuthConfigFactory.getFactory();
      if (factory == null) {
        throw new IllegalStateException("no AuthConfigFactory");
      }
      factory.registerServerAuthModule(module, context);
      return new ModuleRegistration(factory, context);
    }

    void remove() {
      factory.removeServerAuthModule(context);
    }
  }
}
