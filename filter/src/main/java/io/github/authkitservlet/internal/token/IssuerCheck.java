package io.github.authkitservlet.internal.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which access tokens are meant for this application: the issuer ({@code iss}) must be one of
 * {@code issuers}, and a {@code client_id} claim, when the token has one, must be ours.
 *
 * <p>Why both: WorkOS signs the tokens of every client of an environment with the environment's
 * keys, so a valid signature alone does not say the token was issued to this client. WorkOS issues
 * {@code https://api.workos.com/user_management/<client id>} as the issuer (the form its SDKs
 * document for issuer validation); a custom authentication domain issues under its own origin,
 * which the application then lists in {@code workos.token-issuer}.
 *
 * @param issuers the accepted {@code iss} values, compared exactly
 * @param clientId the WorkOS client id of this application
 */
public record IssuerCheck(Set<String> issuers, String clientId) {

  public IssuerCheck {
    issuers = Set.copyOf(issuers);
    Objects.requireNonNull(clientId, "clientId");
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException("at least one accepted issuer is required");
    }
  }

  /** What is wrong with the token's issuer or client, or empty when it is meant for us. */
  Optional<String> problem(JWTClaimsSet claims) throws ParseException {
    String issuer = claims.getIssuer();
    if (issuer == null) {
      return Optional.of("token has no issuer");
    }
    if (!issuers.contains(issuer)) {
      return Optional.of("issuer not accepted");
    }
    Object client = claims.getClaim("client_id");
    if (client != null && !clientId.equals(client)) {
      return Optional.of("token issued to another client");
    }
    return Optional.empty();
  }
}
