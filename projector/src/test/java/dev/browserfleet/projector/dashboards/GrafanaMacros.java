package dev.browserfleet.projector.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Grafana macros our dashboards' SQL uses, as Grafana's PostgreSQL data source does
 * for a dashboard's time range, so that the SQL can run in a test: {@code $__timeFilter(col)},
 * {@code $__timeFrom()}, {@code $__timeTo()}, {@code $__timeGroup(col, interval)},
 * {@code $__timeGroupAlias(col, interval)}, {@code $__interval} and {@code $__interval_ms}. Any
 * other {@code $__} macro is refused, so that a panel using one cannot pass untested.
 */
record GrafanaMacros(Instant from, Instant to, Duration interval) {

  private static final Pattern CALL = Pattern.compile("\\$__(timeFilter|timeFrom|timeTo|timeGroupAlias|timeGroup)\\(([^()]*)\\)");
  private static final Pattern ANY_MACRO = Pattern.compile("\\$__\\w+");

  GrafanaMacros {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("an empty time range: " + from + " to " + to);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, not " + interval);
    }
  }

  String expand(String sql) {
    Matcher call = CALL.matcher(sql);
    var expanded = new StringBuilder();
    while (call.find()) {
      call.appendReplacement(expanded, Matcher.quoteReplacement(macro(call.group(1), arguments(call.group(2)))));
    }
    call.appendTail(expanded);
    String text = expanded.toString()
        .replace("$__interval_ms", Long.toString(interval.toMillis()))
        .replace("$__interval", grafanaInterval(interval));
    Matcher left = ANY_MACRO.matcher(text);
    if (left.find()) {
      throw new IllegalArgumentException("a macro the expander does not know: " + left.group() + " in " + sql);
    }
    return text;
  }

  private String macro(String name, List<String> args) {
    return switch (name) {
      case "timeFilter" -> {
        expect(name, args, 1, 1);
        yield args.getFirst() + " BETWEEN " + literal(from) + " AND " + literal(to);
      }
      case "timeFrom" -> {
        expect(name, args, 0, 0);
        yield literal(from);
      }
      case "timeTo" -> {
        expect(name, args, 0, 0);
        yield literal(to);
      }
      case "timeGroup", "timeGroupAlias" -> {
        // Grafana's third argument (fill) fills gaps in the result afterwards; the SQL is the same.
        expect(name, args, 2, 3);
        long seconds = seconds(args.get(1));
        String group = "floor(extract(epoch from " + args.getFirst() + ")/" + seconds + ")*" + seconds;
        yield name.equals("timeGroupAlias") ? group + " AS \"time\"" : group;
      }
      default -> throw new IllegalArgumentException("unknown macro " + name);
    };
  }

  private long seconds(String intervalArgument) {
    String text = intervalArgument.strip().replace("'", "");
    if (text.equals("$__interval")) {
      return Math.max(1, interval.toSeconds());
    }
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Grafana interval: " + intervalArgument);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Math.max(1, n / 1000);
      case "s" -> n;
      case "m" -> n * 60;
      case "h" -> n * 3600;
      default -> n * 86400;
    };
  }

  private static void expect(String name, List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new IllegalArgumentException("$__" + name + " takes " + min + (min == max ? "" : " to " + max) + " arguments, not " + args);
    }
  }

  private static List<String> arguments(String text) {
    return text.isBlank() ? List.of() : List.of(text.split(",")).stream().map(String::strip).toList();
  }

  /** How Grafana writes an instant in SQL: an ISO string in UTC, which a {@code timestamp} column reads as UTC. */
  private static String literal(Instant instant) {
    return "'" + DateTimeFormatter.ISO_INSTANT.format(instant) + "'";
  }

  /** Grafana's $__interval text: the largest whole unit, 30s, 5m, 1h. */
  static String grafanaInterval(Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
