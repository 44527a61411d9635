package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.Endpoints;
import io.github.authkitservlet.internal.core.Site;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link Site} of an application on first use (by the first request every servlet of
 * the application is registered) and keeps it: the context path as deployed, and where AuthKit's
 * servlets are mapped, found by their class in the servlet registrations.
 */
final class SiteLookup {

  private final ServletContext context;
  private volatile Site site;

  SiteLookup(ServletContext context) {
    this.context = context;
  }

  Site site() {
    Site known = site;
    if (known == null) {
      known = new Site(context.getContextPath(), endpoints(context));
      site = known;
    }
    return known;
  }

  private static Endpoints endpoints(ServletContext context) {
    Map<String, ? extends ServletRegistration> registrations;
    try {
      registrations = context.getServletRegistrations();
    } catch (UnsupportedOperationException e) {
      registrations = Map.of();
    }
    List<Endpoints.Mapped> ours = new ArrayList<>();
    for (ServletRegistration registration : registrations.values()) {
      String className = registration.getClassName();
      if (AuthKitLoginServlet.class.getName().equals(className)) {
        boolean signUp = "sign-up".equals(registration.getInitParameter(AuthKitLoginServlet.SCREEN_HINT_PARAM));
        ours.add(new Endpoints.Mapped(signUp ? Endpoints.Kind.SIGN_UP : Endpoints.Kind.SIGN_IN, registration.getMappings()));
      } else if (AuthKitCallbackServlet.class.getName().equals(className)
          || AuthKitLogoutServlet.class.getName().equals(className)
          || AuthKitWebhookServlet.class.getName().equals(className)
          || AuthKitOrganizationServlet.class.getName().equals(className)) {
        ours.add(new Endpoints.Mapped(Endpoints.Kind.OTHER, registration.getMappings()));
      }
    }
    return Endpoints.of(ours);
  }
}
