package io.github.authkitservlet.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code h2load} (Debian's {@code nghttp2-client}, must be on the PATH) against one {@code http://}
 * URL over HTTP/2 without TLS (h2c, prior knowledge: the connection starts with the HTTP/2 preface)
 * and reads its summary. Every request carries the same headers, so after the first request on a
 * connection HPACK sends each of them as a one- or two-byte index, as a browser's repeated requests
 * do. h2load prints no percentiles: p50 and p99 come from its per-request log ({@code --log-file}).
 *
 * @param threads h2load threads ({@code -t})
 * @param connections open connections ({@code -c})
 * @param streams concurrent streams per connection ({@code -m}; 1 = one request at a time, as wrk)
 * @param duration run length ({@code -D})
 */
record H2Load(int threads, int connections, int streams, Duration duration) implements LoadTool {

  private static final Pattern FINISHED = Pattern.compile("finished in [0-9.]+m?s, ([0-9.]+) req/s");
  private static final Pattern REQUESTS = Pattern.compile(
      "requests: \\d+ total, \\d+ started, (\\d+) done, \\d+ succeeded, \\d+ failed, (\\d+) errored, (\\d+) timeout");
  private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");

  @Override
  public Result run(String url, List<String> headers) throws IOException, InterruptedException {
    Path log = Files.createTempFile("h2load-", ".tsv");
    try {
      List<String> command = LoadTool.withHeadersAndUrl(List.of("h2load",
          "-t" + threads, "-c" + connections, "-m" + streams, "-D" + duration.toSeconds(), "-N10",
          "--log-file=" + log), headers, url);
      return parse(LoadTool.runToCompletion(command, duration), latencies(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Override
  public String describe() {
    return "h2load -t" + threads + " -c" + connections + " -m" + streams;
  }

  /** Reads h2load's summary; {@code sortedLatencies} are the answered requests' times, in µs. */
  static Result parse(String text, long[] sortedLatencies) {
    Matcher rps = FINISHED.matcher(text);
    Matcher requests = REQUESTS.matcher(text);
    Matcher status = STATUS.matcher(text);
    if (!rps.find() || !requests.find() || !status.find()) {
      throw new IllegalStateException("unexpected h2load output:\n" + text);
    }
    if (!text.contains("Application protocol: h2c")) {
      throw new IllegalStateException("h2load did not speak h2c to the server:\n" + text);
    }
    long non2xx = Long.parseLong(status.group(2)) + Long.parseLong(status.group(3)) + Long.parseLong(status.group(4));
    long errors = Long.parseLong(requests.group(2)) + Long.parseLong(requests.group(3));
    return new Result(Double.parseDouble(rps.group(1)), percentile(sortedLatencies, 50), percentile(sortedLatencies, 99),
        Long.parseLong(requests.group(1)), errors, non2xx);
  }

  /**
   * The third column (µs until the end of the response) of every row of h2load's log whose status
   * (second column) is not -1, a failed stream; sorted.
   */
  static long[] latencies(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.map(line -> line.split("\t"))
          .filter(columns -> columns.length >= 3 && !columns[1].equals("-1"))
          .mapToLong(columns -> Long.parseLong(columns[2].trim()))
          .sorted()
          .toArray();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Nearest-rank percentile of sorted values, {@code NaN} when there are none. */
  static double percentile(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
