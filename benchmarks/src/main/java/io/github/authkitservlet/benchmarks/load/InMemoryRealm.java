package io.github.authkitservlet.benchmarks.load;

import java.security.Principal;
import java.util.List;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;

/**
 * One user in memory: the cheapest realm Tomcat can have, so the FORM context measures the
 * container's session lookup and not a user store. Used only after the one login.
 */
final class InMemoryRealm extends RealmBase {

  static final String USERNAME = "bench";
  static final String PASSWORD = "bench-password";
  static final String ROLE = "user";

  @Override
  protected String getPassword(String username) {
    return USERNAME.equals(username) ? PASSWORD : null;
  }

  @Override
  protected Principal getPrincipal(String username) {
    return USERNAME.equals(username) ? new GenericPrincipal(USERNAME, List.of(ROLE)) : null;
  }
}
