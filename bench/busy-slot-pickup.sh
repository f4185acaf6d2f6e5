#!/usr/bin/env bash
# How soon a job is picked up while another slot of its engine is busy: submits a 2.5 s Chromium
# job, then 0.3-0.8 s later a short one, N times, and prints each short job's pickup (created_at to
# started_at) in ms. Needs two Chromium slots (the dev default). A pickup of seconds is a job that
# waited for the long one to end although a slot was free (see README, Idle cost).
#   bench/busy-slot-pickup.sh http://localhost:8080 "$BF_ADMIN_KEY" [N=30]
# GAP="0.05 0.1" and similar set the pause between the two submissions (seconds, drawn from the
# list), to look at a short job that comes while the slots are still looking after the long one.
set -euo pipefail
API="${1:?the server, e.g. http://localhost:8080}"; API="${API%/}"
KEY="${2:?an admin key}"
N="${3:-30}"
GAP="${GAP:-0.3 0.4 0.5 0.6 0.7 0.8}"
ms_of() { date -d "$1" +%s%3N; }
field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -n1 | cut -d'"' -f4; }
post() {
  curl -sf -o /dev/null -D - -X POST "$API/api/v1/jobs" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    -d "$1" | tr -d '\r' | sed -n 's/^Location: //Ip'
}
long="{\"browserTypeId\":1,\"targetUrl\":\"$API/index.html\",\"actions\":[{\"action\":\"wait\",\"ms\":2500}]}"
short="{\"browserTypeId\":1,\"targetUrl\":\"$API/index.html\",\"actions\":[{\"action\":\"screenshot\"}]}"
read -r -a gaps <<<"$GAP"
pickups=()
for _ in $(seq 1 "$N"); do
  l=$(post "$long")
  sleep "${gaps[RANDOM % ${#gaps[@]}]}"
  s=$(post "$short")
  job=$(curl -sf "$API$s?waitMs=30000" -H "X-API-Key: $KEY")
  pickups+=($(( $(ms_of "$(field startedAt "$job")") - $(ms_of "$(field createdAt "$job")") )))
  curl -sf -o /dev/null "$API$l?waitMs=30000" -H "X-API-Key: $KEY"
  sleep "0.$((RANDOM % 10))"
done
echo "pickups of the short jobs, ms: ${pickups[*]}"
printf '%s\n' "${pickups[@]}" | sort -n | awk '{a[NR]=$1; if ($1 >= 1000) slow++}
  END {printf "p50 %d   max %d   over 1 s: %d of %d\n", a[int((NR+1)/2)], a[NR], slow, NR}'
