package io.github.authkitservlet.sample.api;

import io.github.authkitservlet.AuthKitPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code GET /api/reports}: the reports, for WorkOS admins only ({@code @RolesAllowed("admin")}),
 * whether they come with the session cookie or with an access token ({@code Authorization: Bearer}).
 * Signed out, the AuthKit filter answers 401 before JAX-RS sees the request (it is under the
 * filter's api-paths); signed in without the role, JAX-RS answers 403.
 */
@Path("")
public class ReportsResource {

  /** One report line. */
  public record Report(String quarter, long revenue) {}

  /** What the endpoint answers: who asked, with what, and the reports. */
  public record Reports(String requestedBy, String credential, List<Report> reports) {}

  private static final Jsonb JSONB = JsonbBuilder.create();

  @GET
  @RolesAllowed("admin")
  @Produces(MediaType.APPLICATION_JSON)
  public String reports(@Context SecurityContext security) {
    AuthKitPrincipal user = (AuthKitPrincipal) security.getUserPrincipal();
    return JSONB.toJson(new Reports(user.getDisplayName(), user.getCredentialType().name(),
        List.of(new Report("2026-Q3", 1_250_000), new Report("2026-Q4", 1_410_000))));
  }
}
