package dev.browserfleet.standalone;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.ObjectName;

/** How many requests of each kind the embedded broker (in this JVM) has served, from its JMX request metrics. */
final class BrokerRequests {

  private BrokerRequests() {}

  static Map<String, Double> snapshot() {
    var server = ManagementFactory.getPlatformMBeanServer();
    var counts = new TreeMap<String, Double>();
    try {
      for (ObjectName name : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
        Object count = server.getAttribute(name, "Count");
        counts.merge(name.getKeyProperty("request"), ((Number) count).doubleValue(), Double::sum);
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the broker's request metrics", e);
    }
    return counts;
  }

  /** "Produce 9.5, ShareFetch 4.0, ...": requests per job between two snapshots, most first. */
  static String perJob(Map<String, Double> before, Map<String, Double> after, int jobs) {
    var lines = new ArrayList<String>();
    double total = after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    lines.add(String.format("all %.1f", total / jobs));
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(12)
        .forEach(e -> lines.add(String.format("%s %.1f", e.getKey(), e.getValue() / jobs)));
    return String.join(", ", lines);
  }
}
