package io.github.authkitservlet.benchmarks.jmh;

import io.github.authkitservlet.internal.web.RequestPaths;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code RequestPaths.normalize}, which the filter runs on every request before matching its URL
 * patterns: on an already-normal path (what nearly every request carries) and on one that needs
 * the full work ({@code ;} parameters, a percent-escape and a dot segment).
 */
@State(Scope.Benchmark)
public class PathBenchmarks extends BenchmarkDefaults {

  // Fields, not constants, so the JIT cannot fold the inputs.
  private String normalPath = "/app/static/css/site.css";
  private String hostilePath = "/app/public;x=1/../%61dmin/page";
  private String contextPath = "/app";

  @Benchmark
  public Optional<String> normalizeNormalPath() {
    return RequestPaths.normalize(normalPath, contextPath);
  }

  @Benchmark
  public Optional<String> normalizeHostilePath() {
    return RequestPaths.normalize(hostilePath, contextPath);
  }
}
