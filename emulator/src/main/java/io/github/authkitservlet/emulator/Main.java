package io.github.authkitservlet.emulator;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone runner: {@code java -jar authkit-emulator-<version>-standalone.jar [options]}.
 * Runs until interrupted (Ctrl+C).
 */
public final class Main {

  private static final String USAGE = """
      Usage: java -jar authkit-emulator-standalone.jar [options]
        --port N              port to listen on (default 4100; 0 = any free port)
        --bind ADDRESS        address to listen on (default 127.0.0.1: this machine only)
        --seed FILE           seed JSON (users, organizations, roles, permissions, clients)
        --token-lifetime S    access token lifetime in seconds (default 300)
        --signing-key FILE    RSA private key (PEM) so tokens stay valid across restarts
        --webhook-url URL     deliver every event to URL (localhost, 127.0.0.0/8 or [::1] only)
        --webhook-secret S    the secret that signs those deliveries (WorkOS-Signature)
        --help                this text
      """;

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    AuthKitEmulator.Builder builder = AuthKitEmulator.builder().port(AuthKitEmulator.DEFAULT_PORT);
    try {
      if (!configure(builder, args)) {
        System.out.print(USAGE);
        return;
      }
    } catch (IllegalArgumentException e) {
      System.err.println("authkit-emulator: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    AuthKitEmulator emulator;
    try {
      emulator = builder.start();
    } catch (RuntimeException e) {
      System.err.println("authkit-emulator: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "authkit-emulator-shutdown"));
    banner(emulator, System.out);
    stopped.await();
  }

  /** Applies the options; false when help was asked for. */
  static boolean configure(AuthKitEmulator.Builder builder, String[] args) {
    String webhookUrl = null;
    String webhookSecret = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        return false;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> builder.port(integer(option, value));
        case "--bind" -> {
          builder.bindAddress(value);
          if (!value.equals("127.0.0.1") && !value.equals("localhost") && !value.equals("::1")) {
            // Anyone who can reach this address can sign in as the demo users.
            System.err.println("authkit-emulator: WARNING: listening on " + value
                + ", not only on this machine. The emulator has no real security: keep it off shared networks.");
          }
        }
        case "--seed" -> builder.seed(existing(option, value));
        case "--token-lifetime" -> builder.accessTokenLifetime(Duration.ofSeconds(integer(option, value)));
        case "--signing-key" -> builder.signingKey(existing(option, value));
        case "--webhook-url" -> webhookUrl = value;
        case "--webhook-secret" -> webhookSecret = value;
        default -> throw new IllegalArgumentException("unknown option " + option
            + "; known: --port, --bind, --seed, --token-lifetime, --signing-key, --webhook-url, --webhook-secret,"
            + " --help");
      }
    }
    if ((webhookUrl == null) != (webhookSecret == null)) {
      throw new IllegalArgumentException("--webhook-url and --webhook-secret go together");
    }
    if (webhookUrl != null) {
      try {
        builder.webhookEndpoint(new URI(webhookUrl), webhookSecret);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--webhook-url: not a URL: " + webhookUrl);
      }
    }
    return true;
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
    }
  }

  private static Path existing(String option, String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(option + ": cannot read " + path.toAbsolutePath());
    }
    return path;
  }

  static void banner(AuthKitEmulator emulator, PrintStream out) {
    out.println("==============================================================");
    out.println(" WorkOS emulator (authkit-emulator) — NOT the real WorkOS.");
    out.println(" For tests and local development only.");
    out.println("==============================================================");
    out.println(" URL:        " + emulator.baseUrl());
    out.println(" API key:    " + emulator.apiKey());
    out.println(" Client id:  " + emulator.clientId());
    out.println(" Demo users: " + String.join(", ", emulator.demoUsers()));
    emulator.webhookUrls().forEach(url -> out.println(" Webhooks:   " + url));
    out.println(" Control:    " + emulator.baseUrl()
        + "/_emulate/ (hooks, clock, keys/rotate, reset, counters, sessions, impersonations)");
    out.println(" Stop with Ctrl+C.");
    out.flush();
  }
}
