#!/usr/bin/env bash
# Measures submit-to-completed latency of screenshot jobs on a running Browserfleet
# (bin/browserfleet dev), one job after another, through the REST API, as a client sees it.
#   BF_ADMIN_KEY=... bench/latency.sh [jobs] [api]
# Prints each job's latency, then the median and the maximum. Polls every 10 ms.
set -euo pipefail
JOBS="${1:-20}"
API="${2:-http://localhost:8080}"
KEY="${BF_ADMIN_KEY:?set BF_ADMIN_KEY to the admin key bin/browserfleet dev printed}"
BODY="{\"browserTypeId\":1,\"targetUrl\":\"$API/\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\"}"

now_ms() { date +%s%3N; }
latencies=()
for n in $(seq 1 "$JOBS"); do
  start=$(now_ms)
  location=$(curl -sf -o /dev/null -D - -X POST "$API/api/v1/jobs" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' -d "$BODY" | tr -d '\r' | sed -n 's/^Location: //Ip')
  [ -n "$location" ] || { echo "job $n: no Location header (is Browserfleet running?)" >&2; exit 1; }
  while :; do
    job=$(curl -sf "$API$location" -H "X-API-Key: $KEY")
    case "$job" in
      *'"status":"completed"'*'"artifacts":[{'*) break ;;
      *'"status":"failed"'* | *'"status":"cancelled"'*) echo "job $n ended badly: $job" >&2; exit 1 ;;
    esac
    sleep 0.01
  done
  latency=$(( $(now_ms) - start ))
  latencies+=("$latency")
  echo "job $n: completed with its screenshot in $latency ms"
done
sorted=$(printf '%s\n' "${latencies[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (JOBS + 1) / 2 ))p")
echo "jobs: $JOBS  median: $median ms  max: $(echo "$sorted" | tail -n1) ms"
