#!/usr/bin/env bash
# What an idle Browserfleet costs: the CPU of every one of its processes (the JVM, its browsers,
# drivers and Xvfb displays, PostgreSQL) over a window with no job, then how soon a job submitted
# to the idle system is picked up.
#   bench/idle.sh                 starts bin/browserfleet dev (BF_HTTP_PORT, BF_KAFKA_PORT, BF_PG_PORT,
#                                 BF_DATA_DIR as usual; a fresh data directory by default, removed at the end), measures,
#                                 and stops what it started
#   bench/idle.sh http://host:port  measures a running one: its JVM is the process listening on that
#                                 port, its PostgreSQL the one whose command line names BF_DATA_DIR
# Settings: WARMUP_JOBS (3) run once it is ready, as on a system that has been used (the dispatcher's
# idle work differs once it has consumed something), then SETTLE_SECONDS (120) waited, IDLE_SECONDS
# (60) measured; PICKUP_JOBS (10) submitted one at a time after the window, each after 1-2 s of
# idle. Jobs need BF_ADMIN_KEY when measuring a running system. TOP_THREADS (15) JVM threads listed.
# CPU is utime+stime from /proc, summed over each process's threads, in % of one core. Pickup is
# a job's created_at to its started_at (the ingest-api's clock to the worker's, one machine): the
# REST hop, the dispatcher, the lane and a free slot taking the job.
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE_SECONDS="${IDLE_SECONDS:-60}"
SETTLE_SECONDS="${SETTLE_SECONDS:-120}"
PICKUP_JOBS="${PICKUP_JOBS:-10}"
WARMUP_JOBS="${WARMUP_JOBS:-3}"
TOP_THREADS="${TOP_THREADS:-15}"
HZ=$(getconf CLK_TCK)

say() { printf '%s\n' "idle: $*" >&2; }
die() { say "$*"; exit 1; }

# --- The system: started here, or found --------------------------------------------------------
STARTED_PID=""
stop_started() {
  [ -n "$STARTED_PID" ] || return 0
  if kill -0 "$STARTED_PID" 2>/dev/null; then
    say "stopping bin/browserfleet dev (pid $STARTED_PID)"
    kill -TERM "$STARTED_PID" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$STARTED_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$STARTED_PID" 2>/dev/null && { say "still running after 60 s: SIGKILL"; kill -KILL "$STARTED_PID" 2>/dev/null || true; }
  fi
  STARTED_PID=""
}
MADE_DATA_DIR=""
tmp=""
finish() {
  local status=$?
  [ -z "$tmp" ] || rm -rf "$tmp"
  stop_started
  if [ -n "$MADE_DATA_DIR" ]; then
    [ "$status" -eq 0 ] || { say "the last lines of $MADE_DATA_DIR/dev.log:"; tail -n 20 "$MADE_DATA_DIR/dev.log" >&2 2>/dev/null; }
    rm -rf "$MADE_DATA_DIR"
  fi
}
trap finish EXIT
trap 'exit 130' INT TERM

if [ $# -ge 1 ]; then
  API="${1%/}"
  DATA_DIR="${BF_DATA_DIR:-}"
else
  export BF_HTTP_PORT="${BF_HTTP_PORT:-8080}"
  if [ -z "${BF_DATA_DIR:-}" ]; then
    export BF_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bf-idle-XXXXXX")"
    MADE_DATA_DIR="$BF_DATA_DIR" # removed at the end, after its log's last lines are shown on a failure
  fi
  export BF_ADMIN_KEY="${BF_ADMIN_KEY:-bfa_idle_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
  DATA_DIR="$BF_DATA_DIR"
  API="http://localhost:$BF_HTTP_PORT"
  LOG="$DATA_DIR/dev.log"
  mkdir -p "$DATA_DIR"
  say "starting bin/browserfleet dev on $API (data $DATA_DIR, log $LOG)"
  bin/browserfleet dev > "$LOG" 2>&1 &
  STARTED_PID=$!
  JVM_PID=$STARTED_PID # the launcher execs the JVM
fi

say "waiting for $API/actuator/health to be UP"
for _ in $(seq 1 3000); do
  curl -sf "$API/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  [ -z "$STARTED_PID" ] || kill -0 "$STARTED_PID" 2>/dev/null || die "bin/browserfleet dev ended; see $LOG"
  sleep 0.2
done
curl -sf "$API/actuator/health" | grep -q '"status":"UP"' || die "not ready after 10 minutes"
if [ -z "$STARTED_PID" ]; then
  port="${API##*:}"; port="${port%%/*}"
  JVM_PID=$(ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1)
  [ -n "$JVM_PID" ] || die "no process listens on port $port"
fi
# --- Jobs ------------------------------------------------------------------------------------------
ms_of() { date -d "$1" +%s%3N; }
# The job's own field, the first of that name (its artifacts have a createdAt too).
field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -n1 | cut -d'"' -f4; }
# Submits $1 jobs one at a time, each after 1-2 s of idle, and prints each one's pickup in ms.
run_jobs() {
  local n location job body="{\"browserTypeId\":1,\"targetUrl\":\"$API/index.html\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\",\"priority\":50}"
  for n in $(seq 1 "$1"); do
    sleep "1.$((RANDOM % 10))"
    location=$(curl -sf -o /dev/null -D - -X POST "$API/api/v1/jobs" -H "X-API-Key: $BF_ADMIN_KEY" \
      -H 'Content-Type: application/json' -d "$body" | tr -d '\r' | sed -n 's/^Location: //Ip')
    [ -n "$location" ] || die "job $n: no Location header"
    for _ in $(seq 1 3000); do
      job=$(curl -sf "$API$location" -H "X-API-Key: $BF_ADMIN_KEY")
      case "$job" in
        *'"status":"completed"'*) break ;;
        *'"status":"failed"'* | *'"status":"cancelled"'*) die "job $n ended badly: $job" ;;
      esac
      sleep 0.02
    done
    echo $(( $(ms_of "$(field startedAt "$job")") - $(ms_of "$(field createdAt "$job")") ))
  done
}

if [ "$WARMUP_JOBS" -gt 0 ] 2>/dev/null && [ -n "${BF_ADMIN_KEY:-}" ]; then
  say "ready; running $WARMUP_JOBS job(s) first, as a system that has been used"
  run_jobs "$WARMUP_JOBS" > /dev/null
fi
say "ready; letting it settle for $SETTLE_SECONDS s"
sleep "$SETTLE_SECONDS"

# --- Snapshots -----------------------------------------------------------------------------------
# Every process: pid ppid ticks comm (comm last: it may hold spaces).
all_processes() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk '{
    l = $0; s = index(l, "("); e = 0
    for (i = length(l); i > s; i--) if (substr(l, i, 1) == ")") { e = i; break }
    split(substr(l, e + 2), f, " ")
    print $1, f[2], f[12] + f[13], substr(l, s + 1, e - s - 1) }'
}

# The JVM, its PostgreSQL (pg_ctl detaches it, so it is found by its data directory) and all their
# descendants: pid ticks label
system_processes() {
  local roots="$JVM_PID"
  if [ -n "$DATA_DIR" ]; then
    roots="$roots $(grep -lsF -- "$DATA_DIR/postgres" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 | tr '\n' ' ')"
  fi
  all_processes | awk -v roots="$roots" -v jvm="$JVM_PID" '
    { pid[NR] = $1; ppid[$1] = $2; ticks[$1] = $3; c = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", c); comm[$1] = c }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) if (r[i] in ppid) keep[r[i]] = 1
      do { added = 0
        for (i in pid) { p = pid[i]; if (!(p in keep) && (ppid[p] in keep)) { keep[p] = 1; added = 1 } }
      } while (added)
      for (p in keep) print p, ticks[p], label(p, comm[p]) }
    function label(p, c) {
      if (p == jvm) return "jvm"
      if (c ~ /^postgres/) return "postgres"
      if (c ~ /^chromedriver/) return "chromedriver"
      if (c ~ /^chrom/) return "chromium"
      if (c ~ /^WebKitWebDrive/) return "WebKitWebDriver"
      if (c ~ /^(MiniBrowser|WebKit)/) return "webkit"
      if (c ~ /^Xvfb/) return "Xvfb"
      if (c ~ /^(firefox|Web Content|Isolated|Privileged|RDD|Socket|forkserver|WebExtensions|Utility)/) return "firefox"
      return "other:" c }'
}

jvm_threads() { # tid ticks name
  cat /proc/"$JVM_PID"/task/[0-9]*/stat 2>/dev/null | awk '{
    l = $0; s = index(l, "("); e = 0
    for (i = length(l); i > s; i--) if (substr(l, i, 1) == ")") { e = i; break }
    split(substr(l, e + 2), f, " ")
    print $1, f[12] + f[13], substr(l, s + 1, e - s - 1) }'
}

# --- The window ----------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bf-idle-measure-XXXXXX") # removed by finish
read -r load_before _ < /proc/loadavg
system_processes > "$tmp/p0"; jvm_threads > "$tmp/t0"; t0=$(date +%s%N)
cpu0=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat)
say "measuring $IDLE_SECONDS s of idle"
sleep "$IDLE_SECONDS"
system_processes > "$tmp/p1"; jvm_threads > "$tmp/t1"; t1=$(date +%s%N)
cpu1=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat)
read -r load_after _ < /proc/loadavg
seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')

echo
echo "Idle CPU over $seconds s ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores; load average $load_before -> $load_after;"
echo "the whole machine was $(awk -v a="$cpu0" -v b="$cpu1" -v s="$seconds" -v hz="$HZ" -v n="$(nproc)" \
  'BEGIN { printf "%.0f", 100 * (b - a) / hz / s / n }')% busy meanwhile, other agents included)"
# A process that started in the window counts from zero; one that ended in it is left out.
awk -v s="$seconds" -v hz="$HZ" '
  NR == FNR { before[$1] = $2; next }
  { d = $2 - ($1 in before ? before[$1] : 0); cpu[$3] += d; count[$3]++; total += d }
  END {
    printf "%-18s %9s %12s\n", "process", "processes", "% of a core"
    for (k in cpu) printf "%-18s %9d %12.2f\n", k, count[k], 100 * cpu[k] / hz / s | "sort -k3 -nr"
    close("sort -k3 -nr")
    printf "%-18s %9s %12.2f\n", "total", "", 100 * total / hz / s }' "$tmp/p0" "$tmp/p1"

echo
echo "Busiest JVM threads (% of a core):"
# Full thread names from the JVM itself when jcmd can attach (after the window: attaching costs CPU).
jcmd_bin="$(dirname "$(readlink -f "/proc/$JVM_PID/exe")")/jcmd"
if [ -x "$jcmd_bin" ]; then
  "$jcmd_bin" "$JVM_PID" Thread.print 2>/dev/null \
    | sed -n 's/^"\([^"]*\)".* nid=\(0x[0-9a-f]*\|[0-9]*\).*/\2 \1/p' \
    | while read -r nid name; do echo "$((nid)) $name"; done > "$tmp/names" || true
fi
touch "$tmp/names"
awk -v s="$seconds" -v hz="$HZ" -v top="$TOP_THREADS" '
  FILENAME == ARGV[1] { n = $1; sub(/^[^ ]+ /, ""); full[n] = $0; next }
  FILENAME == ARGV[2] { before[$1] = $2; next }
  { d = $2 - ($1 in before ? before[$1] : 0); if (d <= 0) next
    name = $1 in full ? full[$1] : $0; if (!($1 in full)) sub(/^[^ ]+ [^ ]+ /, "", name)
    printf "%8.2f  %s\n", 100 * d / hz / s, name }' "$tmp/names" "$tmp/t0" "$tmp/t1" \
  | sort -nr | head -n "$TOP_THREADS" || true # head may close the pipe early

jit=$(awk -v s="$seconds" -v hz="$HZ" '
  NR == FNR { before[$1] = $2; next }
  $3 ~ /^C[12]$/ && $4 ~ /^CompilerThre/ { d = $2 - ($1 in before ? before[$1] : 0); if (d > 0) t += d }
  END { printf "%.2f", 100 * t / hz / s }' "$tmp/t0" "$tmp/t1")
echo "of which the JIT compiler threads: $jit% (start-up work that fades as the JVM warms up)"

# --- Pickup --------------------------------------------------------------------------------------
[ "$PICKUP_JOBS" -gt 0 ] 2>/dev/null || exit 0
[ -n "${BF_ADMIN_KEY:-}" ] || { say "no BF_ADMIN_KEY: pickup not measured"; exit 0; }
mapfile -t pickups < <(run_jobs "$PICKUP_JOBS")
sorted=$(printf '%s\n' "${pickups[@]}" | sort -n)
echo
echo "Pickup of $PICKUP_JOBS jobs submitted to the idle system (created_at -> started_at), ms:"
echo "  each: ${pickups[*]}"
echo "  p50 $(sed -n "$(( (PICKUP_JOBS + 1) / 2 ))p" <<<"$sorted")   max $(tail -n1 <<<"$sorted")"
