package io.github.authkitservlet.internal.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds {@link RequestFacts} for table tests: a GET of {@code /} on {@code http://localhost:8080}, no headers. */
final class FakeFacts {

  private String method = "GET";
  private Optional<String> path = Optional.of("/");
  private String query;
  private String origin = "http://localhost:8080";
  private final Map<String, String> headers = new HashMap<>();
  private String sessionCookie;
  private boolean servedByExtension;
  private Protection protection = Protection.RULES;

  static FakeFacts get(String path) {
    return new FakeFacts().path(path);
  }

  FakeFacts method(String value) {
    method = value;
    return this;
  }

  /** The normalised path; null for one the adapter could not normalise. */
  FakeFacts path(String value) {
    path = Optional.ofNullable(value);
    return this;
  }

  FakeFacts query(String value) {
    query = value;
    return this;
  }

  FakeFacts origin(String value) {
    origin = value;
    return this;
  }

  FakeFacts header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  /** A browser navigation's headers. */
  FakeFacts asPage() {
    return header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("Sec-Fetch-Mode", "navigate");
  }

  /** A script's headers. */
  FakeFacts asApi() {
    return header("Accept", "application/json");
  }

  FakeFacts cookie(String value) {
    sessionCookie = value;
    return this;
  }

  FakeFacts servedByExtension(boolean value) {
    servedByExtension = value;
    return this;
  }

  /** Who says whether a caller is needed: the rules (the filter, by default) or the container. */
  FakeFacts protection(Protection value) {
    protection = value;
    return this;
  }

  /** {@code Authorization: Bearer <credential>}. */
  FakeFacts bearer(String credential) {
    return header("Authorization", "Bearer " + credential);
  }

  RequestFacts build() {
    Map<String, String> copy = Map.copyOf(headers);
    boolean byExtension = servedByExtension;
    String from = origin;
    return new RequestFacts(method, path, query, () -> from, name -> copy.get(name.toLowerCase(Locale.ROOT)),
        sessionCookie, () -> byExtension, protection);
  }
}
