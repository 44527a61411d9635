#!/usr/bin/env bash
# JMH benchmarks (cookie unseal, token verification, whole filter path), single thread.
# Usage: benchmarks/run-jmh.sh [JMH options, e.g. FilterBenchmarks -f 2]
# Set SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  # Tests are not even compiled: a benchmark build must not depend on work in progress in test sources.
  mvn -B -q -Pbenchmarks -pl benchmarks -am package -Dmaven.test.skip=true
fi
echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
exec java -jar benchmarks/target/benchmarks.jar "$@"
