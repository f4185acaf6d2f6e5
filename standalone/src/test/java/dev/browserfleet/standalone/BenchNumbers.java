package dev.browserfleet.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The arithmetic of the benchmark: percentiles, stage means from Prometheus text, CPU from /proc. */
final class BenchNumbers {

  private static final Pattern STAGE =
      Pattern.compile("^browserfleet_job_stage_seconds_(sum|count)\\{action=\"([^\"]*)\",engine=\"([^\"]*)\",stage=\"([^\"]*)\"} (\\S+)$");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private BenchNumbers() {}

  static double percentile(List<Double> values, int p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = Math.max(1, (int) Math.ceil(sorted.length * p / 100.0));
    return sorted[rank - 1];
  }

  /** Sum and count of each stage series ("stage" or "action:name", of one engine or "none"), from Prometheus text. */
  static Map<String, double[]> stages(String prometheus, String engine) {
    var stages = new TreeMap<String, double[]>();
    for (String line : prometheus.split("\n")) {
      Matcher m = STAGE.matcher(line);
      if (m.matches() && (m.group(3).equals(engine) || m.group(3).equals("none"))) {
        String name = m.group(4).equals("action") ? "action:" + m.group(2) : m.group(4);
        double[] sumCount = stages.computeIfAbsent(name, k -> new double[2]);
        sumCount[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(5));
      }
    }
    return stages;
  }

  /** Adds to {@code totals} what each stage's sum and count grew by between two scrapes. */
  static void addDelta(Map<String, double[]> totals, Map<String, double[]> before, Map<String, double[]> after) {
    after.forEach((stage, a) -> {
      double[] b = before.getOrDefault(stage, new double[2]);
      double[] total = totals.computeIfAbsent(stage, k -> new double[2]);
      total[0] += a[0] - b[0];
      total[1] += a[1] - b[1];
    });
  }

  /** "queued 12 ms, browser_open 150 ms, ...": the mean of each stage over {@code totals}. */
  static String stageMeans(Map<String, double[]> totals) {
    var parts = new ArrayList<String>();
    for (String stage : List.of("queued", "browser_open", "action:screenshot", "artifact_stored", "reported", "projected")) {
      double[] t = totals.getOrDefault(stage, new double[2]);
      parts.add(stage + " " + (t[1] == 0 ? "-" : String.format("%.0f ms", t[0] / t[1] * 1000)));
    }
    return String.join(", ", parts);
  }

  /** CPU seconds used so far by this process and every process under it, from /proc. */
  static double treeCpuSeconds() {
    long pid = ProcessHandle.current().pid();
    var pids = new ArrayList<Long>(List.of(pid));
    ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
    long ticks = 0;
    for (long p : pids) {
      ticks += cpuTicks(p);
    }
    return (double) ticks / CLOCK_TICKS_PER_SECOND;
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces and ends with the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  static String table(List<String[]> rows) {
    int columns = rows.getFirst().length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    var out = new StringBuilder();
    for (String[] row : rows) {
      out.append("bench: |");
      for (int i = 0; i < columns; i++) {
        out.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length())).append(" |");
      }
      out.append('\n');
      if (row == rows.getFirst()) {
        out.append("bench: |");
        Arrays.stream(widths).forEach(w -> out.append("-".repeat(w + 2)).append('|'));
        out.append('\n');
      }
    }
    return out.toString();
  }
}
