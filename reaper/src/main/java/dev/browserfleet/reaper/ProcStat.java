package dev.browserfleet.reaper;

/**
 * What the reaper needs of {@code /proc/<pid>/stat}.
 *
 * @param state the one-letter state: {@code Z} for a zombie, {@code X} for a dead one
 * @param startTicks when the process started, in clock ticks after boot: with the pid, it tells a
 *     process from a later one that was given the same pid
 */
record ProcStat(char state, long startTicks) {

  /** Parses a stat line: {@code pid (comm) state ppid ...}, field 22 the start time. */
  static ProcStat parse(String stat) {
    // comm may hold spaces and parentheses: the fields after it start after the last ')'.
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      throw new IllegalArgumentException("not a /proc stat line: " + stat);
    }
    String[] fields = stat.substring(end + 1).trim().split(" +");
    // fields[0] is field 3 (state), so field 22 is fields[19].
    if (fields.length < 20 || fields[0].length() != 1) {
      throw new IllegalArgumentException("not a /proc stat line: " + stat);
    }
    return new ProcStat(fields[0].charAt(0), Long.parseLong(fields[19]));
  }

  boolean isRunning() {
    return state != 'Z' && state != 'X';
  }
}
