# The faults of bench/faults.sh, one function each; sourced by it (it defines start, stop, tool, ...).
# shellcheck shell=bash

API() { echo "http://127.0.0.1:$HTTP"; }

# The broker, PostgreSQL and the given services in one process on $HTTP.
start_system() { # services
  start_broker && start_postgres && start_services core "$HTTP" "$1"
}

# Waits for every job the submitter got accepted to end. Call it once the submitter has finished
# ("wait" in the calling shell: a command substitution cannot wait for its parent's children).
await_jobs() { # [db-url]
  tool await "127.0.0.1:$KAFKA" "${1:-$DB}" postgres "$RUN/ids" "${FAULTS_AWAIT_S:-600}" 2> "$RUN/await.err"
}

# SIGKILL of a worker JVM, 20 times in a row, during a steady stream of 200 jobs on two workers.
fault_worker_kill() {
  new_run worker-kill
  local kills=${FAULTS_WORKER_KILLS:-20} jobs=${FAULTS_WORKER_JOBS:-200}
  start_system ingest-api,dispatcher,projector || { verdict worker-kill "the system did not start" "-"; return; }
  start_worker w1 && start_worker w2
  wait_for "${FAULTS_START_S:-600}" "w1" worker_started w1 && wait_for "${FAULTS_START_S:-600}" "w2" worker_started w2 \
    || { verdict worker-kill "the workers did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" "$jobs" "${FAULTS_WORKER_RATE:-0.8}" "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$! done_kills=0 left=0 i victim other pid remains
  for i in $(seq 1 "$kills"); do
    victim=w$(( (i - 1) % 2 + 1 )) other=w$(( i % 2 + 1 ))
    # Kill a worker only while the other one runs: the fault is a worker's death, not a fleet
    # without any worker (jobs would then wait for the queue timeout).
    wait_for "${FAULTS_START_S:-600}" "$victim to start" worker_started "$victim" || break
    wait_for "${FAULTS_START_S:-600}" "$other to start" worker_started "$other" || break
    wait_for 300 "$victim to open a browser" has_browser "$victim" || break
    wait_for 300 "$other to open a browser" has_browser "$other" || break
    sleep $((RANDOM % 4 + 1))
    pid=$(pid_of "$victim")
    mapfile -t remains < <(descendants "$pid")
    kill -KILL "$pid" && done_kills=$((done_kills + 1))
    mv "$RUN/$victim.log" "$RUN/$victim.killed-$i.log"
    start_worker "$victim"
    # What the killed JVM started may take a few seconds to go: count what is left after 10 s.
    sleep 10
    left=$((left + $(still_running "${remains[@]}")))
    reap "${remains[@]}"
    say "worker-kill: kill $done_kills of $kills ($victim, $pid; ${#remains[@]} child processes, left so far $left)"
  done
  wait "$submitter"
  local result; result=$(await_jobs)
  local submitted; submitted=$(cat "$RUN/submit.out")
  local problems; problems=$(job_problems "$result")
  [ "$done_kills" = "$kills" ] || problems="only $done_kills kills; $problems"
  [ "$left" = 0 ] || problems="processes left behind; $problems"
  [ "$(value "$submitted" accepted)" = "$jobs" ] || problems="not all accepted; $problems"
  verdict worker-kill "${problems%; ok}" "kills=$done_kills $result processes_left=$left"
}

# The broker stopped for 30 s while jobs are in flight and being submitted.
fault_broker_outage() {
  new_run broker-outage
  local jobs=${FAULTS_JOBS:-100}
  start_system all || { verdict broker-outage "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" "$jobs" 1 "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$!
  sleep 25
  say "broker-outage: stopping the broker"
  stop broker
  tool probe "$(API)" "$ADMIN_KEY" "${FAULTS_OUTAGE_S:-30}" /api/v1/stats > "$RUN/probe.out" &
  local prober=$!
  sleep "${FAULTS_OUTAGE_S:-30}"
  say "broker-outage: starting the broker again"
  mv "$RUN/broker.log" "$RUN/broker-1.log"
  start_broker
  wait "$prober"
  wait "$submitter"
  local result; result=$(await_jobs)
  local submitted; submitted=$(cat "$RUN/submit.out")
  local statuses; statuses=$(value "$submitted" statuses)
  local problems; problems=$(job_problems "$result")
  [ "$(server_errors "$statuses")" = 0 ] || problems="API answered 5xx other than 503; $problems"
  [ "$(value "$submitted" unavailable_without_retry_after)" = 0 ] || problems="503 without Retry-After; $problems"
  [ "$(count_of "$statuses" 503)" -gt 0 ] || problems="no 503 while the broker was away; $problems"
  [ "$(value "$submitted" accepted)" = "$jobs" ] || problems="not all accepted; $problems"
  verdict broker-outage "${problems%; ok}" "$result submit_answers=$statuses reads_during=$(value "$(cat "$RUN/probe.out")" statuses)"
}

# PostgreSQL stopped for 30 s while 100 jobs run; reads must answer 503 with Retry-After meanwhile.
fault_postgres_outage() {
  new_run postgres-outage
  local jobs=${FAULTS_JOBS:-100}
  start_system all || { verdict postgres-outage "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" "$jobs" 1 "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$!
  sleep 25
  local first; first=$(head -n1 "$RUN/ids")
  say "postgres-outage: stopping PostgreSQL"
  stop postgres
  tool probe "$(API)" "$ADMIN_KEY" "${FAULTS_OUTAGE_S:-30}" "/api/v1/jobs/$first" > "$RUN/probe.out"
  say "postgres-outage: starting PostgreSQL again"
  mv "$RUN/postgres.log" "$RUN/postgres-1.log"
  start_postgres
  wait "$submitter"
  local result; result=$(await_jobs)
  local submitted; submitted=$(cat "$RUN/submit.out")
  local probed; probed=$(cat "$RUN/probe.out")
  local problems; problems=$(job_problems "$result")
  [ "$(server_errors "$(value "$probed" statuses)")" = 0 ] || problems="reads answered 5xx other than 503; $problems"
  [ "$(server_errors "$(value "$submitted" statuses)")" = 0 ] || problems="submissions answered 5xx other than 503; $problems"
  [ "$(value "$probed" unavailable_without_retry_after)" = 0 ] || problems="503 without Retry-After; $problems"
  [ "$(count_of "$(value "$probed" statuses)" 503)" -gt 0 ] || problems="no 503 while PostgreSQL was away; $problems"
  [ "$(value "$probed" unanswered)" = 0 ] || problems="reads unanswered within 10 s; $problems"
  verdict postgres-outage "${problems%; ok}" "$result reads_during=$(value "$probed" statuses) reads_unanswered=$(value "$probed" unanswered) submit_answers=$(value "$submitted" statuses)"
}

# The projector killed with SIGKILL mid-batch; afterwards the tables equal a rebuild from the topics.
fault_projector_kill() {
  new_run projector-kill
  local jobs=${FAULTS_JOBS:-100}
  start_system ingest-api,dispatcher,worker && start_services projector $((HTTP + 1)) projector \
    || { verdict projector-kill "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" "$jobs" 2 "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$!
  sleep 20
  say "projector-kill: SIGKILL to the projector"
  kill -KILL "$(pid_of projector)"
  mv "$RUN/projector.log" "$RUN/projector-killed.log"
  start_services projector $((HTTP + 1)) projector
  wait "$submitter"
  local result; result=$(await_jobs)
  say "projector-kill: rebuilding the tables from the topics into a new database"
  local rebuild="jdbc:postgresql://127.0.0.1:$PG/browserfleet_rebuild"
  tool sql "$DB" postgres "CREATE DATABASE browserfleet_rebuild"
  start rebuild "${COMMON_ENV[@]}" "${SHARED_ENV[@]}" BF_DB_URL="$rebuild" BF_HTTP_PORT=$((HTTP + 2)) BF_SERVICES=projector \
    bin/browserfleet dev --browserfleet.projector.group-id=bf-projector-rebuild
  wait_for "${FAULTS_START_S:-600}" "the rebuilding projector" healthy $((HTTP + 2))
  local rebuilt; rebuilt=$(tool await "127.0.0.1:$KAFKA" "$rebuild" postgres "$RUN/ids" 600 2> "$RUN/rebuild.err")
  local compared; compared=$(tool compare "$DB" "$rebuild" postgres 120 2> "$RUN/compare.err")
  local problems; problems=$(job_problems "$result")
  [ "$(value "$compared" differing_rows)" = 0 ] || problems="tables differ from the rebuild; $problems"
  verdict projector-kill "${problems%; ok}" "$result rebuild: rows=$(value "$compared" rows) differing_rows=$(value "$compared" differing_rows)"
  [ -s "$RUN/compare.err" ] && sed 's/^/    /' "$RUN/compare.err" | head -n 8 >&2
  true
}

# The dispatcher killed with SIGKILL: every job ends once, none stays pending.
fault_dispatcher_kill() {
  new_run dispatcher-kill
  local jobs=${FAULTS_JOBS:-100}
  start_system ingest-api,projector,worker && start_services dispatcher $((HTTP + 1)) dispatcher \
    || { verdict dispatcher-kill "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" "$jobs" 2 "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$!
  sleep 20
  say "dispatcher-kill: SIGKILL to the dispatcher"
  kill -KILL "$(pid_of dispatcher)"
  mv "$RUN/dispatcher.log" "$RUN/dispatcher-killed.log"
  start_services dispatcher $((HTTP + 1)) dispatcher
  wait "$submitter"
  local result; result=$(await_jobs)
  verdict dispatcher-kill "$(job_problems "$result")" "$result"
}

# 10,000 requests with fuzzed bodies, headers, paths and keys: no 5xx, nothing logged above WARN.
fault_fuzz() {
  new_run fuzz
  start_system all || { verdict fuzz "the system did not start" "-"; return; }
  local from; from=$(wc -l < "$RUN/core.log")
  local fuzzed; fuzzed=$(tool fuzz "$(API)" "$ADMIN_KEY" "${FAULTS_FUZZ:-10000}" "${FAULTS_SEED:-20261207}" 2> "$RUN/fuzz.err")
  local errors; errors=$(tail -n +"$((from + 1))" "$RUN/core.log" | grep -c -E '^[0-9TZ:.-]+ +ERROR ')
  local problems=()
  [ "$(value "$fuzzed" server_errors)" = 0 ] || problems+=("5xx answers")
  [ "$errors" = 0 ] || problems+=("errors logged")
  [ ${#problems[@]} -eq 0 ] && problems=(ok)
  verdict fuzz "$(IFS=,; echo "${problems[*]}")" "$fuzzed logged_above_warn=$errors"
}

# 1,000 unparseable or invalid records on bf.job-commands beside a stream of valid jobs.
fault_poison() {
  new_run poison
  start_system all || { verdict poison "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" 20 1 "$RUN/ids" "$SITE" > "$RUN/submit.out" &
  local submitter=$!
  local poisoned; poisoned=$(tool poison "127.0.0.1:$KAFKA" "${FAULTS_POISON:-1000}" "${FAULTS_SEED:-20261207}" 300)
  wait "$submitter"
  local result; result=$(await_jobs)
  local problems; problems=$(job_problems "$result")
  [ "$(value "$poisoned" unaccounted)" = 0 ] || problems="bad records unaccounted for; $problems"
  [ "$(value "$poisoned" both)" = 0 ] || problems="bad records both dead-lettered and rejected; $problems"
  verdict poison "${problems%; ok}" "$poisoned valid: $result"
}

# The whole bin/browserfleet dev (embedded broker and PostgreSQL) killed with SIGKILL while 10 jobs
# are in flight, then started again on the same data directory.
fault_dev_kill() {
  new_run dev-kill
  local dev_env=("${COMMON_ENV[@]}" BF_HTTP_PORT="$HTTP" BF_KAFKA_PORT=$((KAFKA + 1)))
  start dev "${dev_env[@]}" bin/browserfleet dev
  wait_for "${FAULTS_START_S:-600}" "bin/browserfleet dev" healthy "$HTTP" || { verdict dev-kill "the system did not start" "-"; return; }
  tool submit "$(API)" "$ADMIN_KEY" 10 20 "$RUN/ids" "$SITE" > "$RUN/submit.out"
  local pid; pid=$(pid_of dev)
  local remains; mapfile -t remains < <(descendants "$pid")
  say "dev-kill: SIGKILL to bin/browserfleet dev ($pid, ${#remains[@]} child processes)"
  kill -KILL "$pid"
  mv "$RUN/dev.log" "$RUN/dev-killed.log"
  local t0=$SECONDS
  start dev "${dev_env[@]}" bin/browserfleet dev
  wait_for "${FAULTS_START_S:-600}" "bin/browserfleet dev, again" healthy "$HTTP"
  local took=$((SECONDS - t0))
  local left; left=$(still_running "${remains[@]}")
  local pg_port; pg_port=$(sed -n 's/.*Embedded PostgreSQL listening on port \([0-9]*\).*/\1/p' "$RUN/dev.log" | tail -n1)
  local result
  result=$(tool await "127.0.0.1:$((KAFKA + 1))" "jdbc:postgresql://127.0.0.1:$pg_port/browserfleet" postgres "$RUN/ids" 600 \
    2> "$RUN/await.err")
  reap "${remains[@]}"
  local problems; problems=$(job_problems "$result")
  [ "$took" -le "${FAULTS_RESTART_LIMIT_S:-15}" ] || problems="healthy after ${took}s, not within ${FAULTS_RESTART_LIMIT_S:-15}s; $problems"
  [ "$left" = 0 ] || problems="processes left behind; $problems"
  verdict dev-kill "${problems%; ok}" "$result healthy_again_after_s=$took processes_left=$left"
}
