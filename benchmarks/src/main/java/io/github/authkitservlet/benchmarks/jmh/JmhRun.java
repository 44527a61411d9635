package io.github.authkitservlet.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks (any JMH command-line options are accepted, e.g. a name regex or
 * {@code -f 2}) and ends with a table of medians and p99s, since the performance targets are medians.
 */
public final class JmhRun {

  private JmhRun() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException, java.io.IOException {
    CommandLineOptions options = new CommandLineOptions(args);
    if (options.shouldHelp() || options.shouldList() || options.shouldListProfilers()
        || options.shouldListResultFormats() || options.shouldListWithParams()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Collection<RunResult> results = new Runner(options).run();
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
    System.out.println();
    System.out.println("Summary (single thread; SampleTime; us/op)");
    System.out.printf("%-58s %10s %10s %10s %10s%n", "benchmark", "p50", "mean", "p99", "samples");
    for (RunResult result : sorted) {
      Result<?> primary = result.getPrimaryResult();
      Statistics stats = primary.getStatistics();
      String name = result.getParams().getBenchmark().replace("io.github.authkitservlet.benchmarks.jmh.", "");
      for (String key : result.getParams().getParamsKeys()) {
        name += " " + key + "=" + result.getParams().getParam(key);
      }
      System.out.printf("%-58s %10.3f %10.3f %10.3f %10d%n", name, stats.getPercentile(50), stats.getMean(),
          stats.getPercentile(99), stats.getN());
    }
  }
}
