package io.github.authkitservlet.internal.session;

import io.github.authkitservlet.AuthKitPrincipal.Impersonator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs Node (no npm packages) with a small script that reads a cookie exactly as the Node SDK's
 * getSessionFromCookie does (iron-session unsealData over iron-webcrypto unseal, on WebCrypto).
 * The script is first proven against the Node-SDK-sealed vectors, then fed our cookies.
 * Skipped only when no {@code node} executable is on the PATH.
 */
class NodeSdkReadsOurCookieTest {

  private static final String PASSWORD = "shared-with-a-next-js-front-end-0123456";

  private static Path node;
  private static Path script;
  private static TestVectors vectors;

  @BeforeAll
  static void findNode() throws Exception {
    node = findOnPath("node");
    Assumptions.assumeTrue(node != null, "node is not installed; the pure-Java Node-rules test still runs");
    script = Path.of(NodeSdkReadsOurCookieTest.class.getResource("/node/unseal-like-node-sdk.mjs").toURI());
    vectors = TestVectors.load();
  }

  @Test
  void theScriptReadsTheNodeSdkVectorAsTheNodeSdkDoes() throws Exception {
    Result result = run(vectors.password("1"), vectors.sealed("node-sdk-sealed-session"));
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(vectors.payload(), TestVectors.parse(result.stdout()));
  }

  @Test
  void theScriptRejectsTheTamperedVector() throws Exception {
    Result result = run(vectors.password("1"), vectors.sealed("tampered-ciphertext"));
    assertEquals(1, result.exitCode());
    assertEquals("Bad hmac value", result.stderr());
  }

  @Test
  void theNodeSdkReadsTheCookieWeWrite() throws Exception {
    SessionCookieCodec codec = new SessionCookieCodec(List.of(PASSWORD, "an-older-password-for-rotation-0123456"),
        Clock.systemUTC());
    SessionUser user = new SessionUser("user_01NODE", "ada@example.com", true, "Ada", "Lovelace", null,
        "2026-11-01T10:00:00.000Z", null, Map.of("plan", "pro"), null, "2026-01-01T00:00:00.000Z",
        "2026-11-01T10:00:00.000Z");
    String cookie = codec.seal(new SessionData("eyJ.node.at", "rt_node", user, "org_01NODE", "Password",
        new Impersonator("admin@example.com", null)));

    Result result = run(PASSWORD, cookie);
    assertEquals(0, result.exitCode(), result.stderr());
    JsonObject session = TestVectors.parse(result.stdout());
    assertEquals("eyJ.node.at", session.getString("accessToken"));
    assertEquals("rt_node", session.getString("refreshToken"));
    assertEquals("org_01NODE", session.getString("organizationId"));
    assertEquals("Password", session.getString("authenticationMethod"));
    assertEquals("admin@example.com", session.getJsonObject("impersonator").getString("email"));
    assertTrue(session.getJsonObject("impersonator").isNull("reason"));
    JsonObject u = session.getJsonObject("user");
    assertEquals("user_01NODE", u.getString("id"));
    assertEquals("Ada", u.getString("firstName"));
    assertEquals("pro", u.getJsonObject("metadata").getString("plan"));
    assertTrue(u.isNull("profilePictureUrl"));
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(String password, String cookie) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(node.toString(), script.toString()).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(Json.createObjectBuilder().add("password", password).add("cookie", cookie).build().toString()
          .getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("node did not finish within 60 s");
    }
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static Path findOnPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
