#!/usr/bin/env bash
# Load run of issue 6: one embedded Tomcat, the same page (a) unprotected, (b) behind AuthKitFilter,
# (c) behind Tomcat FORM auth; wrk against 127.0.0.1, alternating a/b/c over several rounds.
# Usage: benchmarks/run-load.sh [--rounds 3] [--duration 10] [--warmup 5] [--connections 8] [--threads 1]
# Set SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)..."
  if [[ "$(id -u)" == "0" ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  # Tests are not even compiled: a benchmark build must not depend on work in progress in test sources.
  mvn -B -q -Pbenchmarks -pl benchmarks -am package -Dmaven.test.skip=true
fi
echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
exec java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
  io.github.authkitservlet.benchmarks.load.LoadRun "$@"
