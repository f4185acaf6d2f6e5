package dev.browserfleet.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the CPU of a benchmark window went, from /proc: this JVM's threads by name (digits folded,
 * so that the four slots or the broker's handler threads count as one), the browsers under it
 * (those of the bare loop apart from the worker's) and the embedded PostgreSQL (its postmaster and
 * every backend under it).
 */
final class CpuParts {

  static final String BARE_BROWSER = "browser: the bare loop's";
  static final String WORKER_BROWSER = "browser: the worker's";
  static final String POSTGRES = "postgresql";
  static final String ENDED_THREADS = "jvm: threads that ended";
  private static final double TICKS_PER_SECOND = 100;
  /**
   * Names (as /proc shows them: 15 characters, digits folded) of the embedded broker's own threads:
   * its network and request handlers, coordinators, purgatories, schedulers and KRaft controller.
   */
  private static final List<String> BROKER_THREADS = List.of("data-plane-", "group-coordinat", "ExpirationReape", "executor-",
      "metrics-meter-t", "quorum-control", "AddPartitionsTo", "TxnMarkerSende", "share-coordinat", "transaction-",
      "kafka-schedule", "kafka-#-raft", "raft-", "broker-#-", "controller-#-", "persister-", "share-group-", "LogDirFailure",
      "kafka-log-clean", "ReplicaFetcher", "kafka-request-", "kafka-network-");

  private final String bareMarker;
  private final String dataDir;

  /**
   * @param bareMarker what the command line of a bare-loop browser (or one of its ancestors) contains
   * @param dataDir the system's data directory, which the postmaster's command line names
   */
  CpuParts(String bareMarker, String dataDir) {
    this.bareMarker = bareMarker;
    this.dataDir = dataDir;
  }

  /** CPU seconds used so far by each part. */
  Map<String, Double> snapshot() {
    var parts = new TreeMap<String, Double>();
    ProcessHandle self = ProcessHandle.current();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(task -> {
        String stat = read(task.resolve("stat"));
        if (stat != null) {
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
          parts.merge("jvm: " + name, ticks(stat), Double::sum);
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot read this JVM's threads", e);
    }
    // A thread that ended takes its time out of its part; the process keeps it.
    String process = read(Path.of("/proc/self/stat"));
    double threads = parts.values().stream().mapToDouble(Double::doubleValue).sum();
    parts.put(ENDED_THREADS, ticks(process) - threads);
    // Processes under this JVM that ended (the browsers of a recycled session): their whole CPU
    // time is now this JVM's children's. Only the worker's sessions end during a window.
    parts.put(WORKER_BROWSER + " ended processes", ticks(process, true) - ticks(process));
    // A process's own time and that of its children that ended (a renderer of a closed tab).
    self.descendants().forEach(p -> parts.merge((bare(p, self) ? BARE_BROWSER : WORKER_BROWSER) + " " + kind(p),
        ticks(read(Path.of("/proc", Long.toString(p.pid()), "stat")), true), Double::sum));
    ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(dataDir)
        && commandLine(p).contains("bin/postgres")).forEach(postmaster -> {
          parts.merge(POSTGRES, ticks(read(Path.of("/proc", Long.toString(postmaster.pid()), "stat"))), Double::sum);
          postmaster.descendants().forEach(p -> parts.merge(POSTGRES,
              ticks(read(Path.of("/proc", Long.toString(p.pid()), "stat"))), Double::sum));
        });
    return parts;
  }

  /** "part: ms per job" lines, busiest first, for what each part used between two snapshots. */
  static List<String> perJob(Map<String, Double> before, Map<String, Double> after, int jobs, int top) {
    return lines(before, after, 1000.0 / jobs, "%s %.0f", "all %.0f ms", top);
  }


  /** "browsers 295, broker 80, ...": ms of CPU per job by kind of part between two snapshots. */
  static String groups(Map<String, Double> before, Map<String, Double> after, int jobs) {
    var sums = new java.util.LinkedHashMap<String, Double>();
    for (String group : List.of("browsers and drivers", "the embedded broker's threads", "the JVM's other threads", "postgresql")) {
      sums.put(group, 0.0);
    }
    for (var change : changes(before, after).entrySet()) {
      String key = change.getKey();
      double used = change.getValue();
      String thread = key.startsWith("jvm: ") ? key.substring(5) : null;
      String group = key.startsWith("browser:") ? "browsers and drivers"
          : key.equals(POSTGRES) ? "postgresql"
          : thread != null && BROKER_THREADS.stream().anyMatch(thread::startsWith) ? "the embedded broker's threads"
          : "the JVM's other threads";
      sums.merge(group, used, Double::sum);
    }
    var parts = new ArrayList<String>();
    sums.forEach((group, used) -> parts.add(String.format("%s %.0f", group, used * 1000 / jobs)));
    return String.join(", ", parts);
  }

  /** What each part used between two snapshots, a part missing from either counting as 0 there. */
  private static Map<String, Double> changes(Map<String, Double> before, Map<String, Double> after) {
    var changes = new TreeMap<String, Double>();
    after.forEach((part, used) -> changes.put(part, used));
    before.forEach((part, used) -> changes.merge(part, -used, Double::sum));
    return changes;
  }

  /** "part: % of a core" lines, busiest first, for what each part used in {@code seconds} between two snapshots. */
  static List<String> shares(Map<String, Double> before, Map<String, Double> after, long seconds, int top) {
    return lines(before, after, 100.0 / seconds, "%s %.2f", "all %.1f", top);
  }

  private static List<String> lines(Map<String, Double> before, Map<String, Double> after, double scale, String partFormat,
      String allFormat, int top) {
    var lines = new ArrayList<String>();
    double total = 0;
    var deltas = new TreeMap<String, Double>();
    for (var change : changes(before, after).entrySet()) {
      String key = change.getKey();
      double used = change.getValue();
      total += used;
      if (used < 0) {
        // A part whose threads or processes ended shrinks by the time they had used before the
        // window, which then shows in the ended ones' part: netted there.
        deltas.merge(key.startsWith("jvm: ") ? ENDED_THREADS : WORKER_BROWSER + " ended processes", used, Double::sum);
      } else {
        deltas.merge(key, used, Double::sum);
      }
    }
    deltas.values().removeIf(used -> used <= 0);
    lines.add(String.format(allFormat, total * scale));
    deltas.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(top)
        .forEach(part -> lines.add(String.format(partFormat, part.getKey(), part.getValue() * scale)));
    return lines;
  }

  private boolean bare(ProcessHandle process, ProcessHandle stop) {
    for (ProcessHandle p = process; p != null && p.pid() != stop.pid(); p = p.parent().orElse(null)) {
      if (commandLine(p).contains(bareMarker)) {
        return true;
      }
    }
    return false;
  }

  private static double ticks(String stat) {
    return ticks(stat, false);
  }

  private static double ticks(String stat, boolean endedChildren) {
    if (stat == null) {
      return 0;
    }
    // Fields after the command name, which may hold spaces and ends with the last ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (endedChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** chromedriver, or the kind of a browser process: its --type (renderer, gpu-process, ...) or "main". */
  private static String kind(ProcessHandle process) {
    String line = commandLine(process);
    if (line.startsWith("/usr/bin/chromedriver") || line.contains("chromedriver ")) {
      return "chromedriver";
    }
    var type = java.util.regex.Pattern.compile("--type=(\\S+)").matcher(line);
    if (!type.find()) {
      return line.isEmpty() ? "?" : "main";
    }
    var utility = java.util.regex.Pattern.compile("--utility-sub-type=\\S*\\.(\\w+)").matcher(line);
    return utility.find() ? type.group(1) + ":" + utility.group(1) : type.group(1);
  }

  /** The command line from /proc, which Java's ProcessHandle.Info leaves out for some processes. */
  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  private static String read(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }
}
