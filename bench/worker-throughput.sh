#!/usr/bin/env bash
# Throughput of the browser worker's pipeline against a bare Selenium loop on the same number of
# warm Chromium sessions (browser-worker ThroughputBench), for the same page: open + screenshot.
#   bench/worker-throughput.sh [sessions (default 2)] [jobs (default 200)]
# Prints both throughputs and their ratio. Needs chromium and chromium-driver, like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS="${1:-2}"
JOBS="${2:-200}"
./mvnw -B -q -o -pl browser-worker -am verify -Pbench -Dtest=ThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.sessions="$SESSIONS" -Dbench.jobs="$JOBS" 2>&1 | grep '^bench:'
