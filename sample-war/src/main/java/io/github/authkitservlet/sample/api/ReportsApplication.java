package io.github.authkitservlet.sample.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The sample's JAX-RS application, at {@code /api/reports}. JAX-RS leaves {@code @RolesAllowed} to
 * the implementation: Jersey (in the WAR on Tomcat, Payara's own on Payara) enforces it once
 * {@link RolesAllowedDynamicFeature} is registered, asking {@code SecurityContext.isUserInRole},
 * which is the servlet request's {@code isUserInRole}: WorkOS roles and {@code permission:<slug>}.
 */
@ApplicationPath("/api/reports")
public class ReportsApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ReportsResource.class, RolesAllowedDynamicFeature.class, ForbiddenAsJson.class);
  }

  /**
   * No generated WADL description of the API (nothing here needs it, and it would be one more public
   * page); and no {@code jakarta.activation.DataSource} body provider, which this API never uses:
   * without Jakarta Activation in the WAR, Jersey would otherwise warn at every start.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl", true,
        "jersey.config.disableDefaultProvider", "DATASOURCE");
  }
}
