#!/usr/bin/env bash
# Sustained job-submission throughput and POST latency (p50/p99) of a running Browserfleet, through
# the REST API. A benchmark, not a test: it prints numbers. Two targets:
#   BF_SERVICES=ingest-api bin/browserfleet dev   the ingest tier alone: the ingest-api with its
#                                                 broker and PostgreSQL, nothing consuming the jobs
#   bin/browserfleet dev                          the whole stack in one JVM
# then, with the admin key that printed:
#   BF_ADMIN_KEY=... bench/throughput.sh            # 48 clients, 10 s warm-up, 30 s measured
#   CONCURRENCY="32 48 64" BF_ADMIN_KEY=... bench/throughput.sh   # each of those in turn
#   CONCURRENCY=128 SECONDS=60 WARMUP_SECONDS=40 BF_API=http://host:8080 BF_ADMIN_KEY=... bench/throughput.sh
# It says which of the two answered (from /actuator/health). The jobs are real, for browser type 3
# (desktop Firefox; BROWSER_TYPE_ID to change it): the dev stack has no Firefox worker, so no
# browser runs them during the measurement; they stay pending and time out in the queue later.
# The client shares the machine with the server; it prints its own CPU per request, the server's
# CPU per accepted job by thread group (when the server is a local process of this user; SERVER_PID
# to name it) and the load average, which matter more than jobs/s on a shared two-core host.
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" SubmitThroughput.java
