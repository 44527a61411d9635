#!/usr/bin/env bash
# Load run: one embedded Tomcat, the same page (a) unprotected, (b) behind AuthKitFilter,
# (c) behind Tomcat FORM auth; a load generator against 127.0.0.1, alternating a/b/c over several rounds.
# HTTP/1.1 with wrk by default; --protocol h2c runs HTTP/2 without TLS with h2load (nghttp2) instead.
# Usage: benchmarks/run-load.sh [--protocol http1.1|h2c] [--rounds 3] [--duration 10] [--warmup 5]
#                               [--connections 8] [--threads 1] [--streams 1 (h2c only)]
#                               [--session-store memory|jcache]
# --session-store jcache runs context b with workos.session-store=jcache on a Hazelcast member in the
# same JVM (127.0.0.1 only, benchmarks/src/main/resources/hazelcast-benchmarks.xml).
# Set SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Installs Debian package $2 when command $1 is missing.
need() {
  if command -v "$1" >/dev/null 2>&1; then return; fi
  echo "installing $1 (Debian package $2)..."
  local sudo=""
  if [[ "$(id -u)" != "0" ]]; then sudo="sudo"; fi
  if ! $sudo apt-get install -y "$2" >/dev/null; then
    $sudo apt-get update -qq && $sudo apt-get install -y "$2" >/dev/null
  fi
}

protocol="http1.1"
store_options=()
args=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--session-store" && $# -gt 1 ]]; then
    case "$2" in
      memory) ;;
      jcache) store_options=(-Dworkos.session-store=jcache
                -Dworkos.jcache-provider=com.hazelcast.cache.HazelcastMemberCachingProvider
                -Dworkos.jcache-config=classpath:hazelcast-benchmarks.xml) ;;
      *) echo "--session-store takes memory or jcache, got '$2'" >&2; exit 2 ;;
    esac
    shift 2
    continue
  fi
  if [[ "$1" == "--protocol" && $# -gt 1 ]]; then protocol="$2"; fi
  args+=("$1")
  shift
done
if [[ "$protocol" == "h2c" ]]; then need h2load nghttp2-client; else need wrk wrk; fi

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  # Tests are not even compiled: a benchmark build must not depend on work in progress in test sources.
  mvn -B -q -Pbenchmarks -pl benchmarks -am package -Dmaven.test.skip=true
fi
echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
if [[ "$protocol" == "h2c" ]]; then h2load --version; fi
if [[ ${#store_options[@]} -gt 0 ]]; then echo "session store: jcache (a Hazelcast member in this JVM, 127.0.0.1)"; fi
exec java -Xms1g -Xmx1g "${store_options[@]}" -cp benchmarks/target/benchmarks.jar \
  io.github.authkitservlet.benchmarks.load.LoadRun "${args[@]}"
