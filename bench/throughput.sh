#!/usr/bin/env bash
# Sustained job-submission throughput and POST latency (p50/p99) of a running Browserfleet
# (bin/browserfleet dev), through the REST API. A benchmark, not a test: it prints numbers.
#   BF_ADMIN_KEY=... bench/throughput.sh            # 64 clients, 10 s warm-up, 30 s measured
#   CONCURRENCY=128 SECONDS=60 BF_API=http://host:8080 BF_ADMIN_KEY=... bench/throughput.sh
# The jobs it submits are real (a 1 ms wait on a public address); they queue behind the workers.
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" SubmitThroughput.java
