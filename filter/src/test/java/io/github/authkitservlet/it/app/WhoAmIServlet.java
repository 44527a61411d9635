package io.github.authkitservlet.it.app;

import io.github.authkitservlet.AuthKitPrincipal;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The test application's only page: prints what the servlet API says about the user, as JSON
 * (absent values as the text {@code null}: a caller with a bearer credential has no profile).
 */
public class WhoAmIServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonObjectBuilder json = Json.createObjectBuilder();
    json.add("path", request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
    if (request.getUserPrincipal() instanceof AuthKitPrincipal user) {
      json.add("anonymous", false)
          .add("remoteUser", request.getRemoteUser())
          .add("authType", request.getAuthType())
          .add("principalName", user.getName())
          .add("isMember", request.isUserInRole("member"))
          .add("isAdmin", request.isUserInRole("admin"))
          .add("isAnyRole", request.isUserInRole("**"))
          .add("canReadReports", request.isUserInRole("permission:reports:read"))
          .add("credentialType", user.getCredentialType().name())
          .add("apiKeyId", user.getApiKey() == null ? "null" : user.getApiKey().id())
          .add("attributeIsPrincipal", request.getAttribute(AuthKitPrincipal.REQUEST_ATTRIBUTE) == user)
          .add("id", user.getId())
          .add("email", String.valueOf(user.getEmail()))
          .add("firstName", String.valueOf(user.getFirstName()))
          .add("lastName", String.valueOf(user.getLastName()))
          .add("displayName", user.getDisplayName())
          .add("sessionId", String.valueOf(user.getSessionId()))
          .add("organizationId", String.valueOf(user.getOrganizationId()))
          .add("role", String.valueOf(user.getRole()))
          .add("roles", Json.createArrayBuilder(user.getRoles()))
          .add("permissions", Json.createArrayBuilder(user.getPermissions()))
          .add("entitlements", Json.createArrayBuilder(user.getEntitlements()))
          .add("featureFlags", Json.createArrayBuilder(user.getFeatureFlags()))
          .add("impersonated", user.isImpersonated())
          .add("impersonator", user.isImpersonated() ? user.getImpersonator().email() : "")
          .add("impersonationReason", user.isImpersonated() ? String.valueOf(user.getImpersonator().reason()) : "")
          .add("hasReportsRead", user.hasPermission("reports:read"))
          // A digest, not the token: the test compares sessions without us printing a credential.
          .add("accessTokenDigest", user.getAccessToken() == null ? "null" : sha256(user.getAccessToken()));
    } else {
      json.add("anonymous", true).add("remoteUser", String.valueOf(request.getRemoteUser()));
    }
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(json.build().toString());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    doGet(request, response);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
