package io.github.authkitservlet.sample.demo;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Started by {@code mvn -Prun-sample} (and {@code -Prun-sample-payara}) next to the container: runs the
 * AuthKit emulator on port 4100 unless real WorkOS settings are in the environment, waits until the
 * sample answers, then prints where it is and how to sign in. Maven stops this process on Ctrl-C.
 *
 * <p>Arguments: {@code --emulator-port 4100 --app-url http://localhost:8080/ --container Tomcat}. The
 * {@code workos.*} system properties it prints are the ones the sample's pom passes to the container.
 */
public final class DemoLauncher {

  private static final Duration APP_START_TIMEOUT = Duration.ofMinutes(5);
  private static final List<String> SHOWN_SETTINGS = List.of(
      "workos.api-key", "workos.client-id", "workos.redirect-uri", "workos.cookie-password",
      "workos.api-hostname", "workos.api-port", "workos.api-https");

  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    int emulatorPort = Integer.parseInt(option(args, "--emulator-port", "4100"));
    URI appUrl = URI.create(option(args, "--app-url", "http://localhost:8080/"));
    String container = option(args, "--container", "Tomcat");

    boolean realWorkOs = !isBlank(System.getenv("WORKOS_API_KEY"));
    AuthKitEmulator emulator = null;
    if (!realWorkOs) {
      try {
        emulator = AuthKitEmulator.builder().port(emulatorPort).start();
      } catch (RuntimeException e) {
        System.err.println("[sample] Could not start the AuthKit emulator on port " + emulatorPort
            + " (" + e.getMessage() + "). Is something else using it? Stop it and run the command again.");
        System.exit(2);
        return;
      }
      AuthKitEmulator started = emulator;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "emulator-shutdown"));
    }

    boolean up = waitUntilAnswering(appUrl);
    System.out.println(banner(container, appUrl, emulator, up));
    if (emulator != null) {
      // Keep the emulator running until Maven (Ctrl-C) destroys this process.
      new CountDownLatch(1).await();
    }
  }

  static String banner(String container, URI appUrl, AuthKitEmulator emulator, boolean up) {
    StringBuilder text = new StringBuilder("\n");
    String rule = "=".repeat(78) + "\n";
    text.append(rule);
    if (up) {
      text.append(" AuthKit example is running on ").append(container).append(": ").append(appUrl).append('\n');
    } else {
      text.append(" AuthKit example did not answer at ").append(appUrl).append(" within ")
          .append(APP_START_TIMEOUT.toMinutes()).append(" minutes: see the container's log above.\n");
    }
    if (emulator != null) {
      text.append(" WorkOS: the bundled AuthKit EMULATOR at ").append(emulator.baseUrl())
          .append(" (not real WorkOS)\n")
          .append(" Sign in with (password authkit-demo):\n")
          .append("   ada@example.com    Ada Lovelace, role member\n")
          .append("   grace@example.com  Grace Hopper, role admin (can open /admin)\n")
          .append(" Demo settings passed to the container (sample-war/pom.xml, profile sample-emulator-settings):\n");
      for (String name : SHOWN_SETTINGS) {
        String value = System.getProperty(name);
        if (value != null) {
          text.append("   ").append(name).append(" = ")
              .append(name.equals("workos.cookie-password")
                  ? "(a demo value, " + value.length() + " characters)" : value)
              .append('\n');
        }
      }
      text.append(" To use real WorkOS instead, set WORKOS_API_KEY, WORKOS_CLIENT_ID, WORKOS_REDIRECT_URI and\n")
          .append(" WORKOS_COOKIE_PASSWORD and run the same command: no emulator is started then.\n");
    } else {
      String host = System.getenv().getOrDefault("WORKOS_API_HOSTNAME", "api.workos.com");
      text.append(" WorkOS: settings from your WORKOS_* environment variables (API host ").append(host)
          .append("); no emulator started.\n");
    }
    text.append(" Press Ctrl-C to stop.\n").append(rule);
    return text.toString();
  }

  /** Polls the sample's home page until the container answers (any HTTP status below 500). */
  private static boolean waitUntilAnswering(URI appUrl) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(appUrl).timeout(Duration.ofSeconds(5)).GET().build();
    Instant deadline = Instant.now().plus(APP_START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
          return true;
        }
      } catch (IOException notYet) {
        // The container is still starting.
      }
      Thread.sleep(1000);
    }
    return false;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
