package io.github.authkitservlet.emulator.data;

import java.util.List;

/** A role slug and the permission slugs it grants. */
public record Role(String slug, String name, List<String> permissions) {

  public Role {
    permissions = List.copyOf(permissions);
  }
}
