package io.github.authkitservlet.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (must be on the PATH) against one URL over HTTP/1.1 with keep-alive and reads its
 * summary.
 *
 * @param threads wrk threads ({@code -t})
 * @param connections open connections ({@code -c})
 * @param duration run length ({@code -d})
 */
record Wrk(int threads, int connections, Duration duration) implements LoadTool {

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  @Override
  public Result run(String url, List<String> headers) throws IOException, InterruptedException {
    List<String> command = LoadTool.withHeadersAndUrl(List.of("wrk", "--latency",
        "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "10s"), headers, url);
    return parse(LoadTool.runToCompletion(command, duration));
  }

  @Override
  public String describe() {
    return "wrk -t" + threads + " -c" + connections;
  }

  static Result parse(String text) {
    Matcher rps = RPS.matcher(text);
    Matcher total = TOTAL.matcher(text);
    if (!rps.find() || !total.find()) {
      throw new IllegalStateException("unexpected wrk output:\n" + text);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(text);
    while (percentile.find()) {
      double micros = toMicros(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = micros;
      } else {
        p99 = micros;
      }
    }
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(text);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    Matcher non2xx = NON_2XX.matcher(text);
    long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    return new Result(Double.parseDouble(rps.group(1)), p50, p99, Long.parseLong(total.group(1)), errors, bad);
  }

  private static double toMicros(double value, String unit) {
    return switch (unit) {
      case "us" -> value;
      case "ms" -> value * 1_000;
      default -> value * 1_000_000;
    };
  }
}
