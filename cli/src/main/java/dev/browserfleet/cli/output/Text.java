package dev.browserfleet.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** How values read to a person: times in UTC to the second, short durations, aligned tables. */
public final class Text {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Text() {}

  /** An API instant as {@code 2026-12-07 14:03:11}; "-" when absent, the text itself when unparsable. */
  public static String time(String instant) {
    if (instant == null || instant.isBlank() || "null".equals(instant)) {
      return "-";
    }
    try {
      return TIME.format(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  /** From one instant to the other as {@code 850 ms}, {@code 4.2 s}, {@code 3 min 5 s}; "-" if either is absent. */
  public static String between(String from, String to) {
    try {
      if (from == null || to == null || from.isBlank() || to.isBlank()) {
        return "-";
      }
      return duration(Duration.between(Instant.parse(from), Instant.parse(to)));
    } catch (DateTimeParseException e) {
      return "-";
    }
  }

  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = d.toSeconds();
    return s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }

  /** {@code text} cut to {@code width} characters, with an ellipsis when cut. */
  public static String cut(String text, int width) {
    if (text == null) {
      return "-";
    }
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= width ? oneLine : oneLine.substring(0, Math.max(0, width - 1)) + "…";
  }

  /** Rows under a header, each column as wide as its widest cell; the last column is not padded. */
  public static List<String> table(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    var all = new ArrayList<List<String>>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    var lines = new ArrayList<String>();
    for (List<String> row : all) {
      var line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = row.get(i);
        line.append(i == widths.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
