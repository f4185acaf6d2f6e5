package dev.browserfleet.reaper;

import java.time.Instant;
import java.util.Map;

/**
 * The mark that every process a JVM starts carries in its environment, {@code BF_OWNER=<value>}:
 * children inherit their parent's environment, so a browser's renderers, a driver's browser and
 * a shell's commands carry it too, and it stays when the JVM is gone and they are re-parented.
 *
 * @param value the JVM's pid and start time: unique among the JVMs of one machine, also when a
 *     pid is reused, and short, since directories named after it hold Unix sockets
 */
public record OwnerMark(String value) {

  /** The environment variable that carries the mark. */
  public static final String VARIABLE = "BF_OWNER";

  public OwnerMark {
    if (value == null || !value.matches("[0-9]+-[0-9a-z]+")) {
      throw new IllegalArgumentException("not an owner mark: " + value);
    }
  }

  /** The mark of the process {@code pid} that started at {@code start}. */
  public static OwnerMark of(long pid, Instant start) {
    return new OwnerMark(pid + "-" + Long.toString(start.toEpochMilli(), Character.MAX_RADIX));
  }

  /** The environment entry to add to a process to be started, as a map. */
  public Map<String, String> environment() {
    return Map.of(VARIABLE, value);
  }

  /** The entry as it reads in {@code /proc/<pid>/environ}. */
  public String entry() {
    return VARIABLE + "=" + value;
  }
}
