package io.github.authkitservlet.sample.api;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@code @RolesAllowed} refusals as the AuthKit filter writes its own 403s:
 * {@code {"error":"forbidden","message":…}}, so API clients see one shape.
 */
public class ForbiddenAsJson implements ExceptionMapper<ForbiddenException> {

  @Override
  public Response toResponse(ForbiddenException exception) {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .entity("{\"error\":\"forbidden\",\"message\":\"Your account does not have the role this API needs.\"}")
        .build();
  }
}
