package io.github.authkitservlet.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load generator on the PATH ({@link Wrk} for HTTP/1.1, {@link H2Load} for h2c), run once per
 * context and round by {@link LoadRun}: a fixed number of connections for a fixed time against one
 * URL, with the same request headers on every request.
 */
interface LoadTool {

  /** What one run measured; latencies in microseconds, {@code NaN} when the tool gave none. */
  record Result(double requestsPerSecond, double p50Micros, double p99Micros, long requests, long errors, long non2xx) {}

  /** Loads {@code url}, sending {@code headers} ({@code "Name: value"}) with every request. */
  Result run(String url, List<String> headers) throws IOException, InterruptedException;

  /** The command line in short, for the run's header line (e.g. {@code wrk -t1 -c8}). */
  String describe();

  /** {@code command}, then {@code -H header} for each header, then {@code url}: the form both tools take. */
  static List<String> withHeadersAndUrl(List<String> command, List<String> headers, String url) {
    List<String> full = new ArrayList<>(command);
    for (String header : headers) {
      full.add("-H");
      full.add(header);
    }
    full.add(url);
    return full;
  }

  /**
   * Runs {@code command} (a load generator that stops by itself after {@code duration}) and returns
   * what it printed; gives up 30 s after the duration, and fails on a non-zero exit.
   */
  static String runToCompletion(List<String> command, Duration duration) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " did not finish");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command.get(0) + " failed (" + process.exitValue() + "):\n" + text);
    }
    return text;
  }
}
