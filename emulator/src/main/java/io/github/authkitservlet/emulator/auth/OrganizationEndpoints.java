package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.control.Counters;
import io.github.authkitservlet.emulator.data.Directory;
import io.github.authkitservlet.emulator.data.Membership;
import io.github.authkitservlet.emulator.data.Organization;
import io.github.authkitservlet.emulator.http.ApiException;
import io.github.authkitservlet.emulator.http.ApiKeyCheck;
import io.github.authkitservlet.emulator.http.ListPage;
import io.github.authkitservlet.emulator.http.Request;
import io.github.authkitservlet.emulator.http.Response;
import io.github.authkitservlet.emulator.http.Router;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an application reads to let a user switch organizations, with its API key:
 * {@code GET /organizations/{id}}, {@code GET /user_management/organization_memberships}
 * (filtered by {@code user_id}, {@code organization_id} and {@code statuses}, paginated) and
 * {@code GET /user_management/organization_memberships/{id}}.
 */
public final class OrganizationEndpoints {

  private static final Set<String> STATUSES = Set.of("active", "inactive", "pending");

  private final Directory directory;
  private final Counters counters;

  public OrganizationEndpoints(Directory directory, Counters counters) {
    this.directory = directory;
    this.counters = counters;
  }

  public void register(Router router) {
    router.get("/organizations/{id}", this::organization)
        .get("/user_management/organization_memberships", this::memberships)
        .get("/user_management/organization_memberships/{id}", this::membership);
  }

  private Response organization(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    counters.increment("organizations.get");
    String id = r.pathParam("id");
    Organization org = directory.organization(id)
        .orElseThrow(() -> ApiException.notFound("Organization not found: " + SessionEndpoints.sanitize(id)));
    return Response.json(200, WorkOSJson.organization(org));
  }

  private Response memberships(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    counters.increment("organization_memberships.list");
    String userId = r.query("user_id").orElse(null);
    String organizationId = r.query("organization_id").orElse(null);
    List<String> statuses = statuses(r);
    List<ListPage.Item> items = directory.allMemberships().stream()
        .filter(m -> userId == null || m.userId().equals(userId))
        .filter(m -> organizationId == null || m.organizationId().equals(organizationId))
        .filter(m -> statuses.isEmpty() || statuses.contains(m.status()))
        .map(m -> new ListPage.Item(m.id(), m.createdAt(), json(m)))
        .toList();
    return Response.json(200, ListPage.of(r, items));
  }

  private Response membership(Request r) {
    ApiKeyCheck.require(r, directory::isApiKey);
    counters.increment("organization_memberships.get");
    String id = r.pathParam("id");
    Membership membership = directory.allMemberships().stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("Organization membership not found: "
            + SessionEndpoints.sanitize(id)));
    return Response.json(200, json(membership));
  }

  private JsonObject json(Membership m) {
    return WorkOSJson.membership(m, directory.organization(m.organizationId()).orElseThrow(),
        directory.user(m.userId()).orElseThrow());
  }

  /**
   * {@code statuses} as the SDKs send it ({@code statuses=active,inactive}), repeated, or in the
   * {@code statuses[]} form; empty means every status.
   */
  private static List<String> statuses(Request r) {
    List<String> statuses = new ArrayList<>();
    List<String> raw = new ArrayList<>(r.queryAll("statuses"));
    raw.addAll(r.queryAll("statuses[]"));
    for (String value : raw) {
      for (String status : value.split(",")) {
        if (status.isBlank()) {
          continue;
        }
        if (!STATUSES.contains(status.trim())) {
          throw ApiException.api(422, "invalid_request_parameters",
              "statuses may only contain active, inactive and pending.");
        }
        statuses.add(status.trim());
      }
    }
    return statuses;
  }
}
