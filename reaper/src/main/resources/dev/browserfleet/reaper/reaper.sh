# The reaper of one JVM (see Reaper.java), run as
#   /bin/sh -c "<this script>" browserfleet-reaper <owner> <grace in tenths of a second>
# Its stdin is a pipe whose only writer is the JVM, so the loop below ends when the JVM ends,
# however it ends: the kernel closes the pipe of a process it kills. Then every process marked
# BF_OWNER=<owner> (what the JVM started, and whatever those started in turn) and every process
# the JVM adopted is asked to stop, then killed, and the JVM's directories are removed.

# A Ctrl-C or hang-up is sent to the JVM's whole process group; the reaper must outlive the JVM.
trap '' HUP INT QUIT TERM PIPE

mark="BF_OWNER=$1"
grace=$2
dirs=''
adopted=''
newline='
'

# What the JVM says while it runs, one line each: "dir <absolute path>", "adopt <pid>:<start time>".
while IFS= read -r line; do
  case $line in
    'dir /'*) dirs="$dirs${line#dir }$newline" ;;
    'adopt '*) adopted="$adopted ${line#adopt }" ;;
  esac
done

# Whether process $1 runs and is the one that started at $2 (clock ticks after boot, field 22 of
# its stat): a pid of a process that ended may have been given to another since.
is_running() {
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  started=$2
  # After "pid (comm) ": comm may hold spaces and parentheses, so cut at the last ") ".
  set -- ${stat##*) }
  [ "$1" != Z ] && [ "$1" != X ] && [ "${20}" = "$started" ]
}

# The running processes to stop. A zombie's environment reads empty, so it never matches the mark.
targets() {
  grep -lsxzF -e "$mark" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3
  for entry in $adopted; do
    if is_running "${entry%%:*}" "${entry#*:}"; then
      echo "${entry%%:*}"
    fi
  done
}

signal_all() {
  for pid in $(targets); do
    kill -s "$1" "$pid" 2>/dev/null
  done
}

signal_all TERM
ticks=0
while [ -n "$(targets)" ] && [ "$ticks" -lt "$grace" ]; do
  sleep 0.1
  ticks=$((ticks + 1))
done
# Killed until none is left: a process may start another between two scans. Bounded, for one
# stuck in the kernel would never go.
tries=0
while [ -n "$(targets)" ] && [ "$tries" -lt 600 ]; do
  signal_all KILL
  sleep 0.1
  tries=$((tries + 1))
done

printf '%s' "$dirs" | while IFS= read -r dir; do
  rm -rf -- "$dir"
done
