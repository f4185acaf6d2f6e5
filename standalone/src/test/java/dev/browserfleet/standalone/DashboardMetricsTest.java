package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JsonCodec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every Prometheus panel of the Grafana dashboards ({@code deploy/grafana/dashboards}) names only
 * metrics that a running Browserfleet really publishes on {@code /actuator/prometheus}, scraped
 * after a job has run (the stage histograms appear with their first sample).
 */
class DashboardMetricsTest {

  /** Names with an underscore that are PromQL's, not metrics. */
  private static final Set<String> PROMQL_FUNCTIONS = Set.of("histogram_quantile", "label_replace", "label_join", "count_values");
  private static final Pattern NAME = Pattern.compile("\\b[a-z]+(?:_[a-z0-9]+)+\\b");

  @Test
  void everyPrometheusPanelNamesMetricsTheServicesPublish() throws Exception {
    TestSystem system = TestSystem.get();
    String jobId = system.submit("{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"actions\":[{\"action\":\"screenshot\"}],"
        + "\"waitUntil\":\"load\"}");
    system.awaitStatus(jobId, "completed", Duration.ofSeconds(60));
    String scrape = scrape(system);
    Set<String> published = published(scrape);
    // The test system runs one Chromium slot, idle between jobs.
    assertThat(scrape).contains("browserfleet_worker_slots{engine=\"chromium\"} 1.0");

    List<String> expressions = expressions();
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(6);
    var named = new TreeSet<String>();
    for (String expression : expressions) {
      List<String> metrics = metricsIn(expression);
      assertThat(metrics).as("metrics in " + expression).isNotEmpty();
      assertThat(published).as("published metrics, for " + expression).containsAll(metrics);
      named.addAll(metrics);
    }
    // The four things the dashboard is for: stage histograms, lane depth, slot use, rate limiting.
    assertThat(named).contains("browserfleet_job_stage_seconds_bucket", "browserfleet_queue_depth", "browserfleet_worker_slots",
        "browserfleet_worker_slots_busy", "browserfleet_rate_limited_requests_total");
  }

  @Test
  void metricNamesAreFoundInAnExpressionAndPromqlsOwnWordsAreNot() {
    assertThat(metricsIn("histogram_quantile(0.95, sum by (le, stage) (rate(browserfleet_job_stage_seconds_bucket{stage=\"action\"}"
        + "[$__rate_interval])))")).containsExactly("browserfleet_job_stage_seconds_bucket");
    assertThat(metricsIn("sum by (engine) (a_busy) / sum by (engine) (b_total)")).containsExactly("a_busy", "b_total");
  }

  private static String scrape(TestSystem system) throws Exception {
    String actuator = system.api.replace("/api/v1", "/actuator/prometheus");
    HttpResponse<String> scrape = system.http.send(HttpRequest.newBuilder(URI.create(actuator)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    return scrape.body();
  }

  private static Set<String> published(String scrape) {
    var names = new TreeSet<String>();
    scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  private static List<String> expressions() throws Exception {
    Path dir = Path.of("..", "deploy", "grafana", "dashboards");
    var expressions = new ArrayList<String>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = JsonCodec.readTree(Files.readAllBytes(file));
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            JsonNode source = target.path("datasource").isObject() ? target.path("datasource") : panel.path("datasource");
            if (source.path("type").asString().equals("prometheus")) {
              expressions.add(target.path("expr").asString());
            }
          }
        }
      }
    }
    return expressions;
  }

  static List<String> metricsIn(String expression) {
    // Label values are quoted and label matchers braced: neither names a metric.
    String bare = expression.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}");
    var metrics = new ArrayList<String>();
    Matcher m = NAME.matcher(bare);
    while (m.find()) {
      if (!PROMQL_FUNCTIONS.contains(m.group()) && !metrics.contains(m.group())) {
        metrics.add(m.group());
      }
    }
    return metrics;
  }
}
