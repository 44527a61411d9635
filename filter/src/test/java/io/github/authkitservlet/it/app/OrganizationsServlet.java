package io.github.authkitservlet.it.app;

import io.github.authkitservlet.AuthKitOrganization;
import io.github.authkitservlet.AuthKitPrincipal;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The signed-in user's organizations, as an organization picker reads them, as JSON. */
public class OrganizationsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonArrayBuilder organizations = Json.createArrayBuilder();
    for (AuthKitOrganization organization : ((AuthKitPrincipal) request.getUserPrincipal()).getOrganizations()) {
      organizations.add(Json.createObjectBuilder()
          .add("id", organization.getId())
          .add("name", organization.getName())
          .add("role", String.valueOf(organization.getRole()))
          .add("current", organization.isCurrent()));
    }
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(Json.createObjectBuilder().add("organizations", organizations).build().toString());
  }
}
