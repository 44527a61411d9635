package io.github.authkitservlet.sample.demo;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sample's one-command run ({@code mvn -Prun-sample}, {@code mvn -Prun-sample-payara}): starts the
 * AuthKit emulator on port 4100 unless real WorkOS settings are in the environment, waits until the
 * sample answers, and prints where it is and how to sign in. With {@code --payara-jar} it also runs
 * Payara Micro with the WAR as a child process. Ctrl-C stops everything it started.
 *
 * <p>Arguments: {@code --emulator-port 4100 --app-url http://localhost:8080/ --container Tomcat
 * --workos-options "-Dworkos.api-key=... ..."} and, for Payara, {@code --payara-jar target/payara-micro.jar
 * --war target/authkit-servlet-sample.war --http-port 8080}. The {@code --workos-options} are the demo
 * settings the sample's pom passes to the container (empty when WORKOS_API_KEY is set).
 */
public final class DemoLauncher {

  private static final Duration APP_START_TIMEOUT = Duration.ofMinutes(5);

  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    int emulatorPort = Integer.parseInt(option(args, "--emulator-port", "4100"));
    // One URL, or several (comma-separated) when the sample runs as a cluster.
    List<URI> appUrls = Arrays.stream(option(args, "--app-url", "http://localhost:8080/").split(","))
        .map(String::strip).map(URI::create).toList();
    String container = option(args, "--container", "Tomcat");
    List<String> workosOptions = Arrays.stream(option(args, "--workos-options", "").trim().split("\\s+"))
        .filter(option -> option.startsWith("-Dworkos.")).toList();

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
    }
    Process payara = null;
    String payaraJar = option(args, "--payara-jar", null);
    if (payaraJar != null) {
      payara = startPayara(Path.of(payaraJar), Path.of(option(args, "--war", "")),
          option(args, "--http-port", "8080"), workosOptions);
    }
    stopOnExit(emulator, payara);

    boolean up = true;
    for (URI appUrl : appUrls) {
      up &= waitUntilAnswering(appUrl, payara);
    }
    System.out.println(banner(container, appUrls, emulator, workosOptions, up));
    if (payara != null) {
      int exit = payara.waitFor();
      // 130 and 143: stopped by Ctrl-C or TERM, which is how a run is meant to end.
      if (exit != 0 && exit != 130 && exit != 143) {
        throw new IllegalStateException("Payara Micro stopped with exit code " + exit + ": see its log above");
      }
    } else if (emulator != null) {
      // Keep the emulator running until Maven (Ctrl-C) destroys this process.
      new CountDownLatch(1).await();
    }
  }

  /** Payara Micro in its own JVM with the WAR as the root application; its output goes to ours. */
  private static Process startPayara(Path jar, Path war, String port, List<String> workosOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(workosOptions);
    command.addAll(List.of("-jar", jar.toString(), "--nocluster", "--port", port, "--contextroot", "/",
        "--deploy", war.toString()));
    return new ProcessBuilder(command).inheritIO().start();
  }

  private static void stopOnExit(AuthKitEmulator emulator, Process payara) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (payara != null && payara.isAlive()) {
        payara.destroy();
        try {
          if (!payara.waitFor(30, TimeUnit.SECONDS)) {
            payara.destroyForcibly();
          }
        } catch (InterruptedException e) {
          payara.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      if (emulator != null) {
        emulator.close();
      }
    }, "sample-shutdown"));
  }

  static String banner(String container, URI appUrl, AuthKitEmulator emulator, List<String> workosOptions,
      boolean up) {
    return banner(container, List.of(appUrl), emulator, workosOptions, up);
  }

  /** The banner for a sample on one or several nodes (each URL is one node). */
  static String banner(String container, List<URI> appUrls, AuthKitEmulator emulator, List<String> workosOptions,
      boolean up) {
    StringBuilder text = new StringBuilder("\n");
    String rule = "=".repeat(78) + "\n";
    text.append(rule);
    String where = appUrls.stream().map(URI::toString).collect(java.util.stream.Collectors.joining(" and "));
    if (up) {
      text.append(" AuthKit example is running on ").append(container).append(": ").append(where).append('\n');
      if (appUrls.size() > 1) {
        text.append(" Each address is one node; a browser signed in on one is signed in on all of them\n")
            .append(" (cookies belong to the host name, not the port).\n");
      }
    } else {
      text.append(" AuthKit example did not answer at ").append(where)
          .append(": see the container's log above.\n");
    }
    if (emulator != null) {
      text.append(" WorkOS: the bundled AuthKit EMULATOR at ").append(emulator.baseUrl())
          .append(" (not real WorkOS)\n")
          .append(" Sign in with (password authkit-demo):\n")
          .append("   ada@example.com    Ada Lovelace, role member\n")
          .append("   grace@example.com  Grace Hopper, role admin (can open /admin and /reports)\n")
          .append("   linus@example.com  Linus Torvalds, member of Example Corp, admin of Analytical Engines\n")
          .append("                      (switch at /organizations, then /admin opens)\n")
          .append(" Impersonate Ada as the WorkOS dashboard would, then open the \"url\" it answers:\n")
          .append("   curl -s -X POST ").append(emulator.baseUrl()).append("/_emulate/impersonations")
          .append(" -H 'Content-Type: application/json' \\\n")
          .append("     -d '{\"email\":\"ada@example.com\",\"impersonator_email\":\"support@example.com\",")
          .append("\"reason\":\"Ticket 42\"}'\n")
          .append(" API with a token: README, \"Calling your API with a token\" (demo API key sk_demo_reports_…)\n")
          .append(" Demo settings given to the container (sample-war/pom.xml, profile sample-emulator-settings):\n");
      for (String option : workosOptions) {
        String setting = option.substring("-D".length());
        int equals = setting.indexOf('=');
        String name = equals < 0 ? setting : setting.substring(0, equals);
        String value = equals < 0 ? "" : setting.substring(equals + 1);
        text.append("   ").append(name).append(" = ")
            .append(name.equals("workos.cookie-password")
                ? "(a demo value, " + value.length() + " characters)" : value)
            .append('\n');
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
  private static boolean waitUntilAnswering(URI appUrl, Process container) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(appUrl).timeout(Duration.ofSeconds(5)).GET().build();
    Instant deadline = Instant.now().plus(APP_START_TIMEOUT);
    while (Instant.now().isBefore(deadline) && (container == null || container.isAlive())) {
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
