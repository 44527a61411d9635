package io.github.authkitservlet.internal.workos;

import com.workos.models.ApiKey;
import com.workos.models.ApiKeyOwner;
import java.util.List;

/** Turns the SDK's {@code ApiKey} into a {@link ValidatedApiKey}: what AuthKit keeps of it. */
final class ApiKeyMapping {

  private ApiKeyMapping() {}

  static ValidatedApiKey toValidated(ApiKey key) {
    ApiKeyOwner owner = key.getOwner();
    // An organization's key acts in that organization; a user's key names the organization it may access.
    String organizationId = "organization".equals(owner.getType()) ? owner.getId() : owner.getOrganizationId();
    List<String> permissions = key.getPermissions() == null ? List.of() : key.getPermissions();
    return new ValidatedApiKey(key.getId(), key.getName(), owner.getType(), owner.getId(), organizationId,
        permissions, key.getExpiresAt() == null ? null : key.getExpiresAt().toInstant());
  }
}
