package io.github.authkitservlet.internal.workos;

import com.workos.models.AuthenticateResponse;
import com.workos.models.User;
import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import io.github.authkitservlet.internal.session.SessionData;
import io.github.authkitservlet.internal.session.SessionUser;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the SDK's AuthenticateResponse into the value we seal into the cookie. */
final class SessionMapping {

  private SessionMapping() {}

  static SessionData toSession(AuthenticateResponse response) {
    return new SessionData(
        response.getAccessToken(),
        response.getRefreshToken(),
        toUser(response.getUser()),
        response.getOrganizationId(),
        response.getAuthenticationMethod() == null ? null : response.getAuthenticationMethod().getValue(),
        response.getImpersonator() == null
            ? null
            : new Impersonator(response.getImpersonator().getEmail(), response.getImpersonator().getReason()));
  }

  private static SessionUser toUser(User user) {
    if (user == null) {
      return null;
    }
    Map<String, String> metadata =
        user.getMetadata() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(user.getMetadata()));
    return new SessionUser(
        user.getId(),
        user.getEmail(),
        user.getEmailVerified(),
        user.getFirstName(),
        user.getLastName(),
        user.getProfilePictureUrl(),
        iso(user.getLastSignInAt()),
        user.getExternalId(),
        metadata,
        user.getLocale(),
        iso(user.getCreatedAt()),
        iso(user.getUpdatedAt()));
  }

  /** The Node SDK stores WorkOS's own ISO-8601 instants; keep the same shape. */
  private static String iso(OffsetDateTime time) {
    return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
  }
}
