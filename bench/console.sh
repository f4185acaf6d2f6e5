#!/usr/bin/env bash
# How fast the web console's jobs page shows, in headless Chromium driven over plain WebDriver
# (chromedriver and curl, nothing else): signed in with a key, the page is loaded RUNS times (the
# first one unmeasured, so that the system and the browser's cache are warm) and each load prints
# its first contentful paint and when the jobs table had its rows, from the page's own clock.
#   BF_API_URL=http://localhost:8080 BF_API_KEY=bfa_... bench/console.sh [runs (6)]
set -euo pipefail
: "${BF_API_URL:?BF_API_URL: the base URL, as http://localhost:8080}"
: "${BF_API_KEY:?BF_API_KEY: a key to sign in with}"
RUNS="${1:-6}"
PORT="${CHROMEDRIVER_PORT:-9515}"
PROFILE="$(mktemp -d -t bench-console-XXXXXX)"
chromedriver --port="$PORT" > "$PROFILE/chromedriver.log" 2>&1 &
DRIVER=$!
trap 'curl -s -X DELETE "$WD/session/$SESSION" > /dev/null 2>&1 || true; kill $DRIVER 2>/dev/null || true; wait $DRIVER 2>/dev/null || true; rm -rf "$PROFILE"' EXIT
WD="http://127.0.0.1:$PORT"
for _ in $(seq 1 50); do curl -sf "$WD/status" > /dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; print(json.dumps(sys.argv[1]))" "$1"; }
SESSION=$(curl -s -X POST "$WD/session" -H 'Content-Type: application/json' -d "{\"capabilities\":{\"alwaysMatch\":{
  \"browserName\":\"chrome\",\"goog:chromeOptions\":{\"args\":[\"--headless=new\",\"--no-sandbox\",\"--disable-gpu\",
  \"--window-size=1280,900\",\"--user-data-dir=$PROFILE/profile\"]}}}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"]["sessionId"])')
run() { # script -> its value
  curl -s -X POST "$WD/session/$SESSION/execute/sync" -H 'Content-Type: application/json' \
    -d "{\"script\":$(json "$1"),\"args\":[]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])'
}
open() {
  curl -s -X POST "$WD/session/$SESSION/url" -H 'Content-Type: application/json' -d "{\"url\":$(json "$1")}" > /dev/null
}

open "$BF_API_URL/console/"
run "sessionStorage.setItem('browserfleet.apiKey', $(json "$BF_API_KEY")); return 1" > /dev/null
echo "console: jobs page at $BF_API_URL/console/#/jobs, $RUNS loads, the first unmeasured (ms from navigation start)"
for i in $(seq 1 "$RUNS"); do
  open "$BF_API_URL/console/?run=$i#/jobs"
  for _ in $(seq 1 100); do
    rows=$(run "return document.querySelectorAll('#jobs-table tbody tr').length")
    [ "$rows" != "0" ] && break
    sleep 0.05
  done
  # When the rows were put in: the last resource the page fetched (the jobs list) plus the
  # moment the table was seen with them, whichever the page's own clock says first.
  numbers=$(run "const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const api = performance.getEntriesByType('resource').filter(r => r.name.includes('/api/v1/jobs'));
    const nav = performance.getEntriesByType('navigation')[0];
    return [fcp ? Math.round(fcp.startTime) : -1, api.length ? Math.round(Math.max(...api.map(r => r.responseEnd))) : -1,
      Math.round(nav.responseEnd), document.querySelectorAll('#jobs-table tbody tr').length].join(' ')")
  read -r fcp jobs html count <<< "$numbers"
  [ "$i" = 1 ] && continue
  echo "console: load $i: document $html ms, first contentful paint $fcp ms, jobs list answered $jobs ms, $count rows"
done
