#!/usr/bin/env bash
# The whole system against a bare Selenium loop, on the same pages and the same number of warm
# sessions, alternating, in one run (standalone CompareBench): jobs/s and one-at-a-time latency
# p50/p99 of each, their ratio, the mean of each stage of the pipeline's jobs, and the idle CPU of
# all the system's processes.
#   bench/compare.sh [engine (chromium)] [sessions (2)]
#   BENCH_JOBS=60 BENCH_LATENCY_JOBS=40 BENCH_ROUNDS=2 BENCH_IDLE_SECONDS=60 BENCH_WARMUP=120 tune it (the
#   warm-up jobs run first, unmeasured, so that the JIT compilers' start-up work is mostly done).
# Pages: a small page and a long article with six images, two scripts and a web font, served locally.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE="${1:-chromium}"
SESSIONS="${2:-2}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# -am builds the modules it needs; only CompareBench runs.
# The JVM runs with the flags bin/browserfleet gives it (the client compiler only; BENCH_JAVA_OPTS to change).
./mvnw -B -q -o -pl standalone -am verify -Pbench -DargLine="${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1}" -Dtest=CompareBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.engine="$ENGINE" -Dbench.sessions="$SESSIONS" \
  -Dbench.jobs="${BENCH_JOBS:-60}" -Dbench.latencyJobs="${BENCH_LATENCY_JOBS:-40}" -Dbench.rounds="${BENCH_ROUNDS:-2}" -Dbench.warmup="${BENCH_WARMUP:-120}" \
  -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-60}" 2>&1 | grep '^bench:' | sed 's/^bench: //'
