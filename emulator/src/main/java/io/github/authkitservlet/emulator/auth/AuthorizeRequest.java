package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Client;
import io.github.authkitservlet.emulator.data.Directory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The validated parameters of {@code /user_management/authorize}. They travel through the
 * hosted pages as hidden fields and are validated again on every POST, so a page can be
 * tampered with but cannot get a code sent anywhere the client did not register.
 */
record AuthorizeRequest(Client client, String redirectUri, String state, String codeChallenge, String screenHint,
    String organizationId, String loginHint) {

  /** Raised for a request that must not redirect anywhere: answered with a 400 page. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  boolean signUp() {
    return "sign-up".equals(screenHint);
  }

  /** The parameters to carry in hidden form fields. */
  Map<String, String> hiddenFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client_id", client.clientId());
    fields.put("redirect_uri", redirectUri);
    fields.put("response_type", "code");
    fields.put("provider", "authkit");
    putIfSet(fields, "state", state);
    if (codeChallenge != null) {
      fields.put("code_challenge", codeChallenge);
      fields.put("code_challenge_method", "S256");
    }
    putIfSet(fields, "screen_hint", screenHint);
    putIfSet(fields, "organization_id", organizationId);
    return fields;
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  static AuthorizeRequest parse(Function<String, String> params, Directory directory) {
    String clientId = params.apply("client_id");
    if (clientId == null) {
      throw new Invalid("The client_id parameter is missing.");
    }
    Client client = directory.client(clientId)
        .orElseThrow(() -> new Invalid("Unknown client_id: no application is registered with this id."));
    String redirectUri = params.apply("redirect_uri");
    if (redirectUri == null) {
      throw new Invalid("The redirect_uri parameter is missing.");
    }
    if (!client.allowsRedirectUri(redirectUri)) {
      throw new Invalid("This redirect_uri is not registered for the client. Registered: "
          + String.join(", ", client.redirectUris()));
    }
    String responseType = params.apply("response_type");
    if (!"code".equals(responseType)) {
      throw new Invalid("response_type must be \"code\".");
    }
    String provider = params.apply("provider");
    String organizationId = params.apply("organization_id");
    if (provider == null && organizationId == null) {
      throw new Invalid("Provide provider=authkit (or an organization_id).");
    }
    if (provider != null && !provider.equals("authkit")) {
      throw new Invalid("The emulator supports only provider=authkit, not another identity provider.");
    }
    if (params.apply("connection_id") != null) {
      throw new Invalid("The emulator does not emulate SSO connections (connection_id); use provider=authkit.");
    }
    String challenge = params.apply("code_challenge");
    String method = params.apply("code_challenge_method");
    if (challenge != null) {
      if (!"S256".equals(method)) {
        throw new Invalid("code_challenge_method must be S256.");
      }
      if (!Pkce.isValidChallenge(challenge)) {
        throw new Invalid("code_challenge must be 43 base64url characters (S256).");
      }
    } else if (method != null) {
      throw new Invalid("code_challenge_method was sent without a code_challenge.");
    }
    String screenHint = params.apply("screen_hint");
    if (screenHint != null && !screenHint.equals("sign-up") && !screenHint.equals("sign-in")) {
      throw new Invalid("screen_hint must be sign-in or sign-up.");
    }
    if (organizationId != null && directory.organization(organizationId).isEmpty()) {
      throw new Invalid("Unknown organization_id.");
    }
    String state = params.apply("state");
    if (state != null && state.length() > 2048) {
      throw new Invalid("state is longer than 2048 characters.");
    }
    return new AuthorizeRequest(client, redirectUri, state, challenge, screenHint, organizationId,
        params.apply("login_hint"));
  }
}
