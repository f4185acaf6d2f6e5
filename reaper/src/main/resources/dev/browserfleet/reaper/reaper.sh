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

# Processes below a marked one, remembered as pid:start time. They are the owner's too, though
# some run with an emptied environment (Chromium's zygote and the renderers and services it starts,
# the storage service among them, which writes into the profile until it ends).
family=''

# What the JVM says while it runs, one line each: "dir <absolute path>", "adopt <pid>:<start time>".
while IFS= read -r line; do
  case $line in
    'dir /'*) dirs="$dirs${line#dir }$newline" ;;
    'adopt '*) adopted="$adopted ${line#adopt }" ;;
  esac
done

# Whether process $1 runs and is the one that started at $2 (clock ticks after boot, field 22 of
# its stat): a pid of a process that ended may have been given to another since. A process whose
# main thread has ended (a zombie leader) runs as long as another of its threads does.
is_running() {
  pid=$1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  started=$2
  # After "pid (comm) ": comm may hold spaces and parentheses, so cut at the last ") ".
  set -- ${stat##*) }
  [ "${20}" = "$started" ] || return 1
  [ "$1" != Z ] && [ "$1" != X ] && return 0
  for task in /proc/"$pid"/task/*/stat; do
    task_stat=$(cat "$task" 2>/dev/null) || continue
    set -- ${task_stat##*) }
    [ "$1" != Z ] && [ "$1" != X ] && return 0
  done
  return 1
}

# The marked processes. A zombie's environment reads empty, so it never matches the mark.
marked() {
  grep -lsxzF -e "$mark" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3
}

# pid:start of the marked processes and of every running process below them.
tree() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$(marked)" '
    BEGIN { n = split(roots, r, "\n"); for (i = 1; i <= n; i++) if (r[i] != "") ours[r[i]] = 1 }
    { k = split($0, a, ") "); split(a[k], f, " "); parent[$1] = f[2]; start[$1] = f[20] }
    END {
      grew = 1
      while (grew) { grew = 0; for (p in parent) if (!(p in ours) && (parent[p] in ours)) { ours[p] = 1; grew = 1 } }
      for (p in ours) if (p in start) print p ":" start[p]
    }'
}

# Adds what is below the marked processes now to the family. Before the first signal, while
# every parent still runs: a process whose parent ended belongs to init.
remember() {
  for entry in $(tree); do
    case " $family " in
      *" $entry "*) ;;
      *) family="$family $entry" ;;
    esac
  done
}

# The running processes to stop.
targets() {
  marked
  for entry in $adopted $family; do
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

remember
signal_all TERM
ticks=0
while [ -n "$(targets)" ] && [ "$ticks" -lt "$grace" ]; do
  sleep 0.1
  remember
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
