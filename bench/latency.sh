#!/usr/bin/env bash
# Latency of a trivial job through the whole system, one job after another: a running Browserfleet
# (bin/browserfleet dev), its REST API, the dispatcher, a warm browser slot and the projector.
#   BF_ADMIN_KEY=... bench/latency.sh [jobs, default 500] [api, default http://localhost:8080]
# For each job it records, from the job's own timestamps (server clocks, no polling in them):
#   submit -> started    created_at to started_at: the ingest-api, the dispatcher's exactly-once
#                        hop, the lane, and a free slot taking the job
#   submit -> completed  created_at to completed_at: the above plus the browser run
# and, as the REST client polling every 10 ms sees it, submission to the completed row.
# Prints p50, p99 and the maximum of each. The job screenshots the server's own welcome page.
set -euo pipefail
JOBS="${1:-500}"
API="${2:-http://localhost:8080}"
KEY="${BF_ADMIN_KEY:?set BF_ADMIN_KEY to the admin key bin/browserfleet dev printed}"
BODY="{\"browserTypeId\":1,\"targetUrl\":\"$API/index.html\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\",\"priority\":50}"

now_ms() { date +%s%3N; }
ms_of() { date -d "$1" +%s%3N; }
field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -1 | cut -d\" -f4; }  # the job's own field, not an artifact's

started=() completed=() observed=()
for n in $(seq 1 "$JOBS"); do
  t0=$(now_ms)
  location=$(curl -sf -o /dev/null -D - -X POST "$API/api/v1/jobs" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' -d "$BODY" | tr -d '\r' | sed -n 's/^Location: //Ip')
  [ -n "$location" ] || { echo "job $n: no Location header (is Browserfleet running?)" >&2; exit 1; }
  while :; do
    job=$(curl -sf "$API$location" -H "X-API-Key: $KEY")
    case "$job" in
      *'"status":"completed"'*) break ;;
      *'"status":"failed"'* | *'"status":"cancelled"'*) echo "job $n ended badly: $job" >&2; exit 1 ;;
    esac
    sleep 0.01
  done
  observed+=($(( $(now_ms) - t0 )))
  created=$(ms_of "$(field createdAt "$job")")
  started+=($(( $(ms_of "$(field startedAt "$job")") - created )))
  completed+=($(( $(ms_of "$(field completedAt "$job")") - created )))
  (( n % 50 == 0 )) && echo "  $n jobs done" >&2
done

report() { # name values...
  local name=$1; shift
  local sorted count p50 p99
  sorted=$(printf '%s\n' "$@" | sort -n)
  count=$#
  p50=$(sed -n "$(( (count * 50 + 99) / 100 ))p" <<<"$sorted")
  p99=$(sed -n "$(( (count * 99 + 99) / 100 ))p" <<<"$sorted")
  printf '%-34s p50 %5d ms   p99 %5d ms   max %5d ms\n' "$name" "$p50" "$p99" "$(tail -n1 <<<"$sorted")"
}
echo "jobs: $JOBS, one after another"
report "submit -> started" "${started[@]}"
report "submit -> completed" "${completed[@]}"
report "submit -> completed (REST client)" "${observed[@]}"
