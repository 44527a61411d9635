package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.common.exceptions.NotFoundException;
import com.workos.common.exceptions.UnauthorizedException;
import com.workos.common.http.Page;
import com.workos.models.AuthenticateResponse;
import com.workos.models.Organization;
import com.workos.models.OrganizationMembership;
import com.workos.models.SlimRole;
import com.workos.types.OrganizationMembershipStatus;
import com.workos.types.PaginationOrder;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.PKCEAuthorizationUrlResult;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Organizations for organization switching, through WorkOS's Java SDK (7.2.0): the default seed's
 * Linus with two memberships, the memberships list and organization lookup, and what the refresh
 * grant answers when switching organizations.
 */
class OrganizationsIT extends EmulatorClients {

  @RegisterExtension
  static final AuthKitEmulatorExtension WORKOS = new AuthKitEmulatorExtension();

  private static final String REDIRECT_URI = "http://localhost:8080/callback";

  private final OpenApiShapes shapes = new OpenApiShapes();

  private Map<String, String> organizationIdsByName(String userId) {
    return workos.getOrganizationMembership().list(null, null, null, null, null, null, userId).data.stream()
        .collect(Collectors.toMap(OrganizationMembership::getOrganizationName,
            OrganizationMembership::getOrganizationId));
  }

  @Test
  void linusPicksAnOrganizationOnTheHostedPage() throws Exception {
    String linus = emulator.issueSession("linus@example.com").userId();
    Map<String, String> orgs = organizationIdsByName(linus);
    assertEquals(Set.of("Example Corp", "Analytical Engines"), orgs.keySet());

    PKCEAuthorizationUrlResult authorization = AuthKitAuthUrlsKt.getAuthorizationUrlWithPKCE(
        workos.getUserManagement(), new AuthKitAuthorizationUrlOptions(REDIRECT_URI, null, "authkit"));
    HostedSignIn browser = new HostedSignIn();
    HttpResponse<String> picker = browser.submit(browser.open(authorization.getUrl()),
        Map.of("email", "linus@example.com", "password", "authkit-demo", "action", "sign-in"));
    assertEquals(200, picker.statusCode(), "a user with two memberships picks one");
    String engines = orgs.get("Analytical Engines");
    assertTrue(picker.body().contains("id=\"org-" + orgs.get("Example Corp") + "\""), picker.body());
    assertTrue(picker.body().contains("id=\"org-" + engines + "\""), picker.body());

    HostedSignIn.Page page = new HostedSignIn.Page(picker.statusCode(), picker.body(),
        java.net.URI.create(emulator.baseUrl() + "/user_management/authorize"));
    HttpResponse<String> chosen = browser.submit(page, Map.of("organization_id", engines));
    assertEquals(302, chosen.statusCode(), chosen.body());
    String location = chosen.headers().firstValue("Location").orElseThrow();
    AuthenticateResponse signedIn = workos.getUserManagement().authenticateWithCode(
        HostedSignIn.queryParam(location, "code"), authorization.getCodeVerifier());
    assertEquals(engines, signedIn.getOrganizationId());
    JWTClaimsSet claims = SignedJWT.parse(signedIn.getAccessToken()).getJWTClaimsSet();
    assertEquals("admin", claims.getStringClaim("role"));
    assertEquals(List.of("priority-support"), claims.getStringListClaim("entitlements"));
    assertEquals(List.of("difference-engine"), claims.getStringListClaim("feature_flags"));
  }

  @Test
  void membershipsAreListedThroughTheSdkInWorkOsShape() throws Exception {
    IssuedSession linus = emulator.issueSession("linus@example.com");
    List<OrganizationMembership> memberships = workos.getOrganizationMembership()
        .list(null, null, null, null, null, null, linus.userId()).data;
    assertEquals(2, memberships.size());
    for (OrganizationMembership m : memberships) {
      assertEquals(linus.userId(), m.getUserId());
      assertEquals("linus@example.com", m.getUser().getEmail());
      assertEquals(OrganizationMembershipStatus.Active, m.getStatus());
      assertFalse(m.getDirectoryManaged());
      assertEquals(List.of(m.getRole().getSlug()), m.getRoles().stream().map(SlimRole::getSlug).toList());
      assertTrue(m.getId().startsWith("om_"), m.getId());
    }
    assertEquals(Map.of("Example Corp", "member", "Analytical Engines", "admin"), memberships.stream()
        .collect(Collectors.toMap(OrganizationMembership::getOrganizationName, m -> m.getRole().getSlug())));
    OrganizationMembership one = workos.getOrganizationMembership().get(memberships.get(0).getId());
    assertEquals(memberships.get(0).getOrganizationId(), one.getOrganizationId());

    HttpResponse<String> raw = http.getWithApiKey("/user_management/organization_memberships?user_id="
        + linus.userId(), emulator.apiKey());
    assertEquals(200, raw.statusCode(), raw.body());
    JsonObject list = EmulatorHttp.json(raw);
    assertEquals("list", list.getString("object"));
    assertTrue(list.getJsonObject("list_metadata").isNull("before"));
    assertTrue(list.getJsonObject("list_metadata").isNull("after"));
    for (var item : list.getJsonArray("data")) {
      assertEquals(List.of(), shapes.problems("OrganizationMembership", item));
    }
    assertEquals(2, emulator.counter("organization_memberships.list"), "the SDK's list and this one");
    assertEquals(1, emulator.counter("organization_memberships.get"));
  }

  @Test
  void membershipsArePagedAndFilteredAsWorkOsDoes() throws Exception {
    String exampleCorp = emulator.issueSession("ada@example.com").organizationId();
    Page<OrganizationMembership> first = workos.getOrganizationMembership()
        .list(null, null, 1, PaginationOrder.Asc, exampleCorp, null, null);
    assertEquals(1, first.data.size());
    assertTrue(first.hasNextPage());
    List<String> ascending = new ArrayList<>();
    first.autoPagingIterable().forEach(m -> ascending.add(m.getId()));
    assertEquals(3, ascending.size(), "Ada, Grace and Linus");
    assertEquals(3, Set.copyOf(ascending).size());
    List<String> descending = workos.getOrganizationMembership()
        .list(null, null, 10, PaginationOrder.Desc, exampleCorp, null, null).data.stream()
        .map(OrganizationMembership::getId).toList();
    List<String> reversed = new ArrayList<>(ascending);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, descending);

    String base = "/user_management/organization_memberships?organization_id=" + exampleCorp;
    JsonObject beforeLast = EmulatorHttp.json(http.getWithApiKey(base + "&order=asc&limit=1&before="
        + ascending.get(2), emulator.apiKey()));
    assertEquals(ascending.get(1), beforeLast.getJsonArray("data").getJsonObject(0).getString("id"),
        "before: the page just before the cursor");
    // The cursors to go on with: before=<first of this page>, after=<last of this page>.
    assertEquals(ascending.get(1), beforeLast.getJsonObject("list_metadata").getString("before"));
    assertEquals(ascending.get(1), beforeLast.getJsonObject("list_metadata").getString("after"));
    JsonObject firstPage = EmulatorHttp.json(http.getWithApiKey(base + "&order=asc&limit=2", emulator.apiKey()));
    assertTrue(firstPage.getJsonObject("list_metadata").isNull("before"), "nothing comes before the first page");
    assertEquals(ascending.get(1), firstPage.getJsonObject("list_metadata").getString("after"));

    assertEquals(3, workos.getOrganizationMembership().list(null, null, null, null, exampleCorp,
        List.of(OrganizationMembershipStatus.Active), null).data.size());
    assertEquals(0, workos.getOrganizationMembership().list(null, null, null, null, exampleCorp,
        List.of(OrganizationMembershipStatus.Inactive, OrganizationMembershipStatus.Pending), null).data.size());
    for (String bad : new String[] {"&limit=0", "&limit=101", "&limit=ten", "&order=sideways", "&statuses=asleep"}) {
      HttpResponse<String> refused = http.getWithApiKey(base + bad, emulator.apiKey());
      assertEquals(422, refused.statusCode(), bad + " → " + refused.body());
      assertEquals("invalid_request_parameters", EmulatorHttp.json(refused).getString("code"));
    }
  }

  @Test
  void statusesFilterSeededMemberships() throws Exception {
    String seed = """
        {"users": [{"email": "a@example.com"}, {"email": "b@example.com"}, {"email": "c@example.com"}],
         "organizations": [{"id": "org_x", "name": "X", "memberships": [
           {"email": "a@example.com"}, {"email": "b@example.com", "status": "inactive"},
           {"email": "c@example.com", "status": "pending"}]}]}
        """;
    try (AuthKitEmulator own = AuthKitEmulator.builder().seedJson(seed).start()) {
      EmulatorHttp ownHttp = new EmulatorHttp(own);
      String base = "/user_management/organization_memberships?organization_id=org_x";
      assertEquals(3, count(ownHttp, own, base));
      assertEquals(2, count(ownHttp, own, base + "&statuses=inactive,pending"));
      assertEquals(2, count(ownHttp, own, base + "&statuses%5B%5D=active&statuses%5B%5D=pending"));
      assertEquals(1, count(ownHttp, own, base + "&statuses=inactive"));
    }
  }

  private static int count(EmulatorHttp target, AuthKitEmulator emulator, String path) throws Exception {
    HttpResponse<String> response = target.getWithApiKey(path, emulator.apiKey());
    assertEquals(200, response.statusCode(), response.body());
    return EmulatorHttp.json(response).getJsonArray("data").size();
  }

  @Test
  void organizationsAreReadThroughTheSdk() throws Exception {
    String engines = organizationIdsByName(emulator.issueSession("linus@example.com").userId())
        .get("Analytical Engines");
    Organization org = workos.getOrganizations().get(engines);
    assertEquals("Analytical Engines", org.getName());
    assertEquals(List.of(), org.getDomains());
    assertEquals(Map.of(), org.getMetadata());
    assertNull(org.getExternalId());
    HttpResponse<String> raw = http.getWithApiKey("/organizations/" + engines, emulator.apiKey());
    assertEquals(List.of(), shapes.problems("Organization", EmulatorHttp.json(raw)));

    assertThrows(NotFoundException.class, () -> workos.getOrganizations().get("org_nope"));
    WorkOS wrongKey = new WorkOS("sk_test_wrong", emulator.clientId(), emulator.baseUrl());
    assertThrows(UnauthorizedException.class, () -> wrongKey.getOrganizations().get(engines));
    assertThrows(UnauthorizedException.class,
        () -> wrongKey.getOrganizationMembership().list(null, null, null, null, engines, null, null));
    assertEquals(401, http.get("/user_management/organization_memberships").statusCode());
  }

  @Test
  void theRefreshGrantSwitchesOnlyToTheUsersOwnOrganizations() throws Exception {
    IssuedSession linus = emulator.issueSession("linus@example.com");
    String engines = organizationIdsByName(linus.userId()).get("Analytical Engines");
    AuthenticateResponse switched = workos.getUserManagement().authenticateWithRefreshToken(linus.refreshToken(),
        engines);
    assertEquals(engines, switched.getOrganizationId());
    assertEquals("admin", SignedJWT.parse(switched.getAccessToken()).getJWTClaimsSet().getStringClaim("role"));

    IssuedSession grace = emulator.issueSession("grace@example.com");
    BadRequestException refused = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(grace.refreshToken(), engines));
    assertTrue(refused.rawBody.contains("\"error\":\"invalid_grant\""), refused.rawBody);
    assertEquals(grace.organizationId(),
        workos.getUserManagement().authenticateWithRefreshToken(grace.refreshToken()).getOrganizationId(),
        "a refused switch does not use up the refresh token");
  }

  @Test
  void ssoAndMfaRequirementsAreReproducedWithErrorHooks() throws Exception {
    IssuedSession linus = emulator.issueSession("linus@example.com");
    String engines = organizationIdsByName(linus.userId()).get("Analytical Engines");
    emulator.addErrorHook("POST", "/user_management/authenticate", 400, """
        {"error": "sso_required", "error_description": "User must authenticate using one of the matching connections.",
         "email": "linus@example.com", "connection_ids": ["conn_01HZAEXAMPLE"], "pending_authentication_token": null}
        """, 1, Duration.ZERO);
    BadRequestException sso = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(linus.refreshToken(), engines));
    assertTrue(sso.rawBody.contains("\"error\": \"sso_required\""), sso.rawBody);

    emulator.addErrorHook("POST", "/user_management/authenticate", 400, """
        {"error": "mfa_enrollment", "error_description": "The user must enroll in MFA to finish authenticating."}
        """, 1, Duration.ZERO);
    BadRequestException mfa = assertThrows(BadRequestException.class,
        () -> workos.getUserManagement().authenticateWithRefreshToken(linus.refreshToken(), engines));
    assertTrue(mfa.rawBody.contains("mfa_enrollment"), mfa.rawBody);

    assertEquals(engines, workos.getUserManagement().authenticateWithRefreshToken(linus.refreshToken(), engines)
        .getOrganizationId(), "the hooks answered in the endpoint's stead: the token was never used");
  }
}
