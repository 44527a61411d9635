package io.github.authkitservlet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar …-standalone.jar --port … --seed …}. */
class StandaloneJarIT {

  @TempDir
  Path dir;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("standalone.jar", "target/missing-standalone.jar"));
    assertTrue(Files.isRegularFile(jar), "build the standalone jar first (mvn package): " + jar);
    return jar;
  }

  private static Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void runsWithASeedAndPrintsABanner() throws Exception {
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, """
        {"users": [{"email": "solo@example.com", "password": "solo-password"}],
         "clients": [{"client_id": "client_solo", "api_keys": ["sk_test_solo"],
                      "redirect_uris": ["http://localhost:9000/callback"]}]}
        """);
    Process process = launch("--port", "0", "--seed", seed.toString(), "--token-lifetime", "60",
        "--webhook-url", "http://127.0.0.1:9/webhooks", "--webhook-secret", "whsec_standalone");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> banner = new ArrayList<>();
      String baseUrl = null;
      for (String line; (line = out.readLine()) != null; ) {
        banner.add(line);
        if (line.trim().startsWith("URL:")) {
          baseUrl = line.substring(line.indexOf("http"));
        }
        if (line.contains("Stop with Ctrl+C")) {
          break;
        }
      }
      String text = String.join("\n", banner);
      assertTrue(text.contains("NOT the real WorkOS"), text);
      assertTrue(text.contains("API key:    sk_test_solo"), text);
      assertTrue(text.contains("Client id:  client_solo"), text);
      assertTrue(text.contains("solo@example.com / solo-password"), text);
      assertTrue(text.contains("Webhooks:   http://127.0.0.1:9/webhooks"), text);
      assertTrue(!text.contains("whsec_standalone"), "the banner never prints the webhook secret");
      assertTrue(baseUrl != null && baseUrl.startsWith("http://localhost:"), text);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sso/jwks/client_solo"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, jwks.statusCode());
      assertTrue(jwks.body().contains("\"x5c\""), jwks.body());
    } finally {
      process.destroy();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the emulator stops on SIGTERM");
    }
  }

  @Test
  void badOptionsExitWithUsage() throws Exception {
    Process unknown = launch("--prot", "4100");
    String output = new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(unknown.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, unknown.exitValue());
    assertTrue(output.contains("unknown option --prot"), output);
    assertTrue(output.contains("Usage:"), output);

    for (String[] webhook : new String[][] {
        {"--webhook-url", "https://hooks.example.com/workos", "--webhook-secret", "s"},
        {"--webhook-url", "http://localhost:9/webhooks"}}) {
      Process refused = launch(webhook);
      String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(refused.waitFor(20, TimeUnit.SECONDS));
      assertEquals(2, refused.exitValue(), refusal);
      assertTrue(refusal.contains("only sends webhooks to this machine") || refusal.contains("go together"), refusal);
    }

    Path badSeed = dir.resolve("bad.json");
    Files.writeString(badSeed, "{\"users\": [{\"email\": \"nope\"}]}");
    Process invalid = launch("--port", "0", "--seed", badSeed.toString());
    String invalidOutput = new String(invalid.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(invalid.waitFor(20, TimeUnit.SECONDS));
    assertEquals(1, invalid.exitValue());
    assertTrue(invalidOutput.contains("users[0].email: required, a valid email address"), invalidOutput);
  }
}
