package io.github.authkitservlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers of one application without a shared store (workos.session-store=memory): both may
 * refresh the same session at the same moment, and WorkOS refuses the loser's spent refresh token.
 * While the access token is still valid, that refusal must not sign the user out: the server
 * serves the current token and leaves the cookie alone (the other server holds the rotation).
 */
class TwoServersWithoutStoreIT {

  static final String CONTEXT = "/authkit-two";
  static final TestWorld WORLD = TestWorld.start();

  static ServerNode a;
  static ServerNode b;

  @BeforeAll
  static void startTwoServers() throws Exception {
    File war = new File("target/cluster-it/two-memory.war");
    Files.createDirectories(war.toPath().getParent());
    TestApp.war(WORLD.workos, CONTEXT).as(ZipExporter.class).exportTo(war, true);
    a = new ServerNode("memory-a", war, CONTEXT, ServerNode.freePort());
    b = new ServerNode("memory-b", war, CONTEXT, ServerNode.freePort());
    a.start();
    b.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      b.close();
      a.close();
    } finally {
      WORLD.close();
    }
  }

  @Test
  void aRaceBetweenServersForOneRefreshSignsNobodyOutWhileTheTokenIsValid() throws Exception {
    for (int round = 0; round < 5; round++) {
      WORLD.reset();
      String cookie = signIn();
      WORLD.advance(Duration.ofSeconds(250)); // due for refresh, still valid

      List<HttpResponse<String>> answers = ClusterIT.fanOut(a, b, cookie, 8);

      for (HttpResponse<String> answer : answers) {
        assertEquals(200, answer.statusCode(), "round " + round + ": " + answer.uri() + " " + answer.body());
        assertFalse(ClusterIT.clears(answer), "round " + round + ": a response cleared the cookie");
      }
      assertTrue(WORLD.workos.counter("grant.refresh_token") >= 1, "round " + round + ": someone refreshed");
    }
    WORLD.assertNothingSecretLogged(List.of());
  }

  String signIn() {
    return ClusterIT.signIn(WORLD, a);
  }
}
