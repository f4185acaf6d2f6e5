#!/usr/bin/env bash
# The fault suite: runs each fault against a real system (broker, PostgreSQL, services and workers
# as processes of their own), prints one line per fault with its counts, and exits non-zero if any
# job was lost or doubled, any row left wrong or pending, any API answer a 5xx other than a 503
# with Retry-After, or any process of a killed JVM left behind.
#
#   bench/faults.sh                 every fault, in the order of the table in the README
#   bench/faults.sh dispatcher-kill poison   only these
#
# Faults: worker-kill broker-outage postgres-outage projector-kill dispatcher-kill fuzz poison dev-kill
# A run takes 30-60 minutes on 2 busy cores. It is a benchmark-style harness: by hand, before a
# release, not in CI. Everything it starts is stopped by PID at the end, and its data is under
# $FAULTS_DIR (default /tmp/faults-run), removed at the start of the next run.
#
# Ports (override to run beside another system): FAULTS_HTTP_PORT (default 8481; +1 and +2 are used
# too), FAULTS_SITE_PORT (8489, a static page the jobs screenshot), FAULTS_KAFKA_PORT (9492; +1 for
# the dev-kill system), FAULTS_PG_PORT (5492).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

HTTP=${FAULTS_HTTP_PORT:-8481}
SITE_PORT=${FAULTS_SITE_PORT:-8489}
KAFKA=${FAULTS_KAFKA_PORT:-9492}
PG=${FAULTS_PG_PORT:-5492}
WORK=${FAULTS_DIR:-/tmp/faults-run}
RUN=$WORK
ADMIN_KEY=bfa_fault-suite-admin-key-0123456789abcdefghijklmn
SITE="http://127.0.0.1:$SITE_PORT/"
DB="jdbc:postgresql://127.0.0.1:$PG/browserfleet"
ALL_FAULTS=(worker-kill broker-outage postgres-outage projector-kill dispatcher-kill fuzz poison dev-kill)

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- Build and the client tool -----------------------------------------------------------------
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
STANDALONE_JAR=standalone/target/standalone-0.1.0-SNAPSHOT-exec.jar

prepare() {
  rm -rf "$WORK" && mkdir -p "$WORK/lib" "$WORK/tool" "$WORK/site"
  if [ -z "${BF_NO_BUILD:-}" ]; then
    say "building"
    bin/browserfleet build || { echo "build failed" >&2; exit 2; }
  fi
  (cd "$WORK/lib" && unzip -q -o -j "$ROOT/$STANDALONE_JAR" \
    'BOOT-INF/lib/kafka-clients-*' 'BOOT-INF/lib/postgresql-*' 'BOOT-INF/lib/slf4j-api-*' \
    'BOOT-INF/lib/lz4-java-*' 'BOOT-INF/lib/snappy-java-*' 'BOOT-INF/lib/zstd-jni-*')
  TOOL_CP="$WORK/tool:$WORK/lib/*"
  javac -d "$WORK/tool" -cp "$WORK/lib/*" bench/FaultTool.java || exit 2
  printf '<!doctype html><html><head><title>faults</title></head><body><h1>A page for the fault suite</h1></body></html>\n' \
    > "$WORK/site/index.html"
}

tool() { java -Dslf4j.internal.verbosity=ERROR -cp "$TOOL_CP" FaultTool "$@"; }

# --- Processes: each started by this script in its own session, stopped by its recorded PID -----
# bin/browserfleet execs java, so the PID recorded is the JVM's.
start() { # name, then env assignments and the command
  local name=$1; shift
  setsid env "$@" > "$RUN/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
  echo "$name" >> "$RUN/started"
}

pid_of() { cat "$RUN/$1.pid"; }

running() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

stop() { # name [signal]
  local pid; pid=$(pid_of "$1")
  running "$pid" || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null
  for _ in $(seq 1 120); do running "$pid" || return 0; sleep 0.5; done
  say "$1 ($pid) did not stop in 60 s; killing it"
  kill -KILL "$pid" 2>/dev/null
}

# Everything a process started, recursively, as "pid:start-time" so that a reused PID is not counted.
descendants() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    echo "$child:$(cut -d' ' -f22 "/proc/$child/stat" 2>/dev/null)"
    descendants "$child"
  done
}

# How many of the recorded processes still run (the same process: same PID and start time).
still_running() {
  local entry pid start n=0
  for entry in "$@"; do
    pid=${entry%%:*} start=${entry#*:}
    if running "$pid" && [ "$(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)" = "$start" ]; then n=$((n + 1)); fi
  done
  echo "$n"
}

# Removes what a killed JVM left behind once it has been counted: those processes were started here.
reap() {
  local entry pid start
  for entry in "$@"; do
    pid=${entry%%:*} start=${entry#*:}
    if running "$pid" && [ "$(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)" = "$start" ]; then kill -KILL "$pid" 2>/dev/null; fi
  done
}

teardown() {
  [ -f "$RUN/started" ] || return 0
  local name
  for name in $(tac "$RUN/started" | awk '!seen[$0]++'); do stop "$name"; done
  rm -f "$RUN/started"
}

wait_for() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then say "timed out after ${seconds}s waiting for $what"; return 1; fi
    sleep 1
  done
}

healthy() { curl -sf -m 5 "http://127.0.0.1:$1/actuator/health" | grep -q '"status":"UP"}$'; }
log_has() { grep -q "$2" "$RUN/$1.log"; }

# --- The system --------------------------------------------------------------------------------
COMMON_ENV=(BF_NO_BUILD=1 BF_DATA_DIR="" BF_ADMIN_KEY=$ADMIN_KEY BF_ALLOW_PRIVATE_TARGETS=true BF_WORKER_SLOTS=1)
SHARED_ENV=(BF_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA BF_DB_URL=$DB BF_DB_USER=postgres BF_DB_PASSWORD=)

new_run() { # fault name
  RUN="$WORK/$1" && mkdir -p "$RUN"
  COMMON_ENV[1]="BF_DATA_DIR=$RUN/data"
}

# The page every job screenshots, served for the whole run (or by whoever already serves that port:
# several runs side by side, on other ports, can share one).
start_site() {
  curl -sf -m 5 -o /dev/null "$SITE" && return 0
  RUN="$WORK" start site python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$WORK/site"
  wait_for 60 "the page server" curl -sf -m 5 -o /dev/null "$SITE"
}

start_broker() {
  start broker "${COMMON_ENV[@]}" BF_KAFKA_PORT="$KAFKA" bin/browserfleet broker
  wait_for "${FAULTS_START_S:-600}" "the broker" log_has broker "Kafka broker ready"
}

start_postgres() {
  start postgres "${COMMON_ENV[@]}" BF_PG_PORT="$PG" bin/browserfleet postgres
  wait_for "${FAULTS_START_S:-600}" "PostgreSQL" log_has postgres "PostgreSQL ready"
}

start_services() { # name http-port services [extra args]
  local name=$1 port=$2 services=$3; shift 3
  start "$name" "${COMMON_ENV[@]}" "${SHARED_ENV[@]}" BF_HTTP_PORT="$port" BF_SERVICES="$services" bin/browserfleet dev "$@"
  wait_for "${FAULTS_START_S:-600}" "$name to be healthy" healthy "$port"
}

start_worker() { # name
  start "$1" "${COMMON_ENV[@]}" "${SHARED_ENV[@]}" BF_WORKER_INSTANCE="$1" bin/browserfleet worker
}

worker_started() { grep -q "Started BrowserWorkerApplication" "$RUN/$1.log"; }

# A worker is busy when its JVM has a browser.
has_browser() { descendants "$(pid_of "$1")" | cut -d: -f1 | xargs -r ps -o comm= -p 2>/dev/null | grep -qx chromium; }

# --- Verdicts ------------------------------------------------------------------------------------
RESULTS=()
FAILED=0

value() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1" | head -n1; }

# Statuses such as "202:90,503:12": how many answers were a 5xx other than 503.
server_errors() { tr ',' '\n' <<<"$1" | awk -F: '$1 >= 500 && $1 != 503 {n += $2} END {print n + 0}'; }
count_of() { tr ',' '\n' <<<"$1" | awk -F: -v s="$2" '$1 == s {n += $2} END {print n + 0}'; }

verdict() { # fault, "ok" or the reason it failed, the counts
  local line
  if [ "$2" = ok ]; then
    line=$(printf '%-16s PASS  %s' "$1" "$3")
  else
    line=$(printf '%-16s FAIL  %s  (%s)' "$1" "$3" "$2")
    FAILED=1
  fi
  RESULTS+=("$line")
  echo "$line"
}

# The usual checks of an await line; prints "ok" or what failed.
job_problems() {
  local line=$1 problems=()
  [ "$(value "$line" lost)" = 0 ] || problems+=("lost")
  [ "$(value "$line" doubled)" = 0 ] || problems+=("doubled")
  [ "$(value "$line" rows_wrong)" = 0 ] || problems+=("rows wrong")
  [ "$(value "$line" left_pending)" = 0 ] || problems+=("left pending")
  [ "$(value "$line" jobs)" = "$(value "$line" completed)" ] || problems+=("not all completed")
  [ ${#problems[@]} -eq 0 ] && echo ok || (IFS=,; echo "${problems[*]}")
}

# shellcheck source=faults-cases.sh
source "$ROOT/bench/faults-cases.sh"

main() {
  local faults=("$@")
  [ ${#faults[@]} -gt 0 ] || faults=("${ALL_FAULTS[@]}")
  prepare
  trap 'teardown; RUN="$WORK" teardown' EXIT
  trap 'exit 130' INT TERM
  start_site
  local fault
  for fault in "${faults[@]}"; do
    case " ${ALL_FAULTS[*]} " in *" $fault "*) ;; *) echo "unknown fault: $fault" >&2; exit 2 ;; esac
    say "fault: $fault"
    "fault_${fault//-/_}"
    teardown
  done
  echo
  echo "fault suite, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null):"
  printf '%s\n' "${RESULTS[@]}"
  exit $FAILED
}

main "$@"
