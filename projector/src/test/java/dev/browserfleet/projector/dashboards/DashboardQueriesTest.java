package dev.browserfleet.projector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.projector.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SQL panel of the Grafana dashboards, read from {@code deploy/grafana/dashboards}, runs on a
 * real PostgreSQL with the migrated schema and a day of realistic rows ({@code
 * dashboards/realistic-rows.sql}), its macros expanded as Grafana would for the last 6 hours, and
 * returns rows of the shape its panel draws. The three query patterns of SCHEMA.md, as the panels
 * write them, are planned on their documented indexes.
 */
class DashboardQueriesTest {

  private static final Set<Integer> NUMBERS = Set.of(Types.BIGINT, Types.INTEGER, Types.NUMERIC, Types.DOUBLE, Types.REAL,
      Types.DECIMAL, Types.SMALLINT);

  /** What each panel must return: its columns, in order (a time series' first column is its time). */
  private static final Map<String, List<String>> SHAPES = Map.ofEntries(
      Map.entry("Jobs by status over time", List.of("time", "metric", "jobs")),
      Map.entry("Jobs by status now", List.of("status", "count")),
      Map.entry("Pending jobs by priority", List.of("priority", "pending")),
      Map.entry("Throughput per browser type", List.of("time", "metric", "completed")),
      Map.entry("Time in queue and run time (p50, p95)", List.of("time", "queue p50", "queue p95", "run p50", "run p95")),
      Map.entry("Most frequent errors", List.of("error", "jobs", "last_seen", "example")),
      Map.entry("Retries", List.of("retries", "jobs", "completed", "failed")),
      Map.entry("Retried jobs over time", List.of("time", "jobs retried", "retries")),
      Map.entry("Workers and heartbeat age", List.of("worker", "engine", "instance", "status", "current_job", "heartbeat_age_s")),
      Map.entry("Stale workers (no heartbeat for a minute)", List.of("worker", "status", "last_heartbeat", "heartbeat_age_s")),
      Map.entry("Next pending jobs (the workers' polling order)",
          List.of("job", "priority", "created_at", "waiting_s", "browser_type", "target_url")));

  private static DataSource database;
  private static GrafanaMacros lastSixHours;

  @BeforeAll
  static void aDayOfRows() throws Exception {
    database = TestDatabases.migrated("dashboards");
    try (Connection db = database.getConnection(); var statement = db.createStatement();
        InputStream rows = DashboardQueriesTest.class.getResourceAsStream("/dashboards/realistic-rows.sql")) {
      statement.execute(new String(rows.readAllBytes(), StandardCharsets.UTF_8));
      // As autovacuum would after such a load: statistics for the planner, a visibility map for index-only scans.
      statement.execute("VACUUM ANALYZE");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    lastSixHours = new GrafanaMacros(now.minus(Duration.ofHours(6)), now, Duration.ofMinutes(5));
  }

  @Test
  void everySqlPanelHasAnExpectedShapeAndEveryShapeAPanel() {
    List<String> panels = Dashboards.queries("grafana-postgresql-datasource").stream().map(Dashboards.Query::panel).toList();
    assertThat(panels).containsExactlyInAnyOrderElementsOf(SHAPES.keySet());
  }

  @TestFactory
  Stream<DynamicTest> everySqlPanelReturnsRowsOfItsShape() {
    return Dashboards.queries("grafana-postgresql-datasource").stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> {
      String sql = lastSixHours.expand(query.text());
      try (Connection db = database.getConnection(); var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        var columns = new ArrayList<String>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        assertThat(columns).as(query.name()).containsExactlyElementsOf(SHAPES.get(query.panel()));
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertThat(rows).as(query.name() + ": rows").isPositive();
        if (query.format().equals("time_series")) {
          // Grafana reads a time series from a numeric epoch "time" column and numeric values.
          assertThat(NUMBERS).as(query.name() + ": time column type").contains(meta.getColumnType(1));
          for (int i = 2; i <= meta.getColumnCount(); i++) {
            if (!meta.getColumnLabel(i).equals("metric")) {
              assertThat(NUMBERS).as(query.name() + ": " + meta.getColumnLabel(i)).contains(meta.getColumnType(i));
            }
          }
        }
      }
    }));
  }

  @Test
  void theTimeSeriesFallInTheRangeAndTheIntervalsOfTheDashboard() throws SQLException {
    String sql = lastSixHours.expand(query("Jobs by status over time").text());
    try (Connection db = database.getConnection(); var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
      long total = 0;
      while (rs.next()) {
        long time = rs.getLong("time");
        assertThat(time % 300).isZero();
        assertThat(Instant.ofEpochSecond(time)).isBetween(lastSixHours.from().minus(Duration.ofMinutes(5)), lastSixHours.to());
        total += rs.getLong("jobs");
      }
      // A quarter of a day of 60,000 jobs spread over 24 hours.
      assertThat(total).isBetween(13_000L, 17_000L);
    }
  }

  @Test
  void theMostFrequentErrorsFoldIdsAndNumbersIntoOneCause() throws SQLException {
    String sql = lastSixHours.expand(query("Most frequent errors").text());
    var errors = new ArrayList<String>();
    try (Connection db = database.getConnection(); var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        errors.add(rs.getString("error"));
      }
    }
    assertThat(errors).hasSize(6).contains("worker chromium-<id> was lost (no heartbeat for N s)",
        "opening https://shopN.example.com/products/N failed: navigation timed out after N ms");
  }

  @Test
  void theWorkersPanelsShowTheLiveSlotsAndTheStaleOnes() throws SQLException {
    // The live slots heartbeat on (every few seconds, as the projector would write it), however
    // long a loaded machine took to get here since the rows were loaded; the two silent ones do not.
    try (Connection db = database.getConnection(); var statement = db.createStatement()) {
      statement.executeUpdate("UPDATE browser_workers SET last_heartbeat = now() AT TIME ZONE 'UTC'"
          + " WHERE status IN ('idle', 'busy') AND metadata->>'instance' <> 'worker-9'");
    }
    assertThat(count(lastSixHours.expand(query("Workers and heartbeat age").text()))).isEqualTo(14);
    assertThat(count(lastSixHours.expand(query("Stale workers (no heartbeat for a minute)").text()))).isEqualTo(2);
  }

  @Test
  void theQueuePanelListsTheHighestPriorityFirstAndThenTheOldest() throws SQLException {
    String sql = lastSixHours.expand(query("Next pending jobs (the workers' polling order)").text());
    try (Connection db = database.getConnection(); var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
      int previousPriority = Integer.MAX_VALUE;
      java.sql.Timestamp previousCreated = null;
      int rows = 0;
      while (rs.next()) {
        rows++;
        int priority = rs.getInt("priority");
        java.sql.Timestamp created = rs.getTimestamp("created_at");
        assertThat(priority).isLessThanOrEqualTo(previousPriority);
        if (priority == previousPriority) {
          assertThat(created).isAfterOrEqualTo(previousCreated);
        }
        previousPriority = priority;
        previousCreated = created;
      }
      assertThat(rows).isEqualTo(20);
      assertThat(previousPriority).isEqualTo(100);
    }
  }

  // --- SCHEMA.md's three query patterns, as the panels write them, on their documented indexes ---

  /**
   * Counting every job by status reads the whole table or the whole of {@code idx_jobs_status}. On
   * these 60,000 rows (small JSON in actions and result) PostgreSQL prefers the sequential scan, so
   * this test forbids it ({@code SET enable_seqscan = off}) to show the index-only scan is there to
   * take; the planner turns to it by itself once the heap is much wider than the index.
   */
  @Test
  void theJobStatisticsPanelCanCountFromIdxJobsStatusAlone() throws SQLException {
    assertThat(plan(query("Jobs by status now").text(), false)).contains("Seq Scan on automation_jobs");
    assertThat(plan(query("Jobs by status now").text(), true)).contains("Index Only Scan using idx_jobs_status");
  }

  @Test
  void theStaleWorkersPanelFindsThemThroughIdxWorkersStatus() throws SQLException {
    assertThat(plan(query("Stale workers (no heartbeat for a minute)").text(), false)).contains("idx_workers_status");
  }

  /**
   * SCHEMA.md's "Job Selection" query, as the seed's workers poll, reads idx_jobs_priority_created.
   * The panel shows the same order twenty rows deep; with all those rows to read, PostgreSQL may
   * take the pending rows from the smaller idx_jobs_client_pending (V8) and sort them, which it
   * costs lower on these rows, so the panel's own plan is not what this checks.
   */
  @Test
  void theWorkersPollingQueryReadsIdxJobsPriorityCreatedAndTheQueuePanelShowsItsOrder() throws SQLException {
    assertThat(plan(JOB_SELECTION, false)).contains("Index Scan using idx_jobs_priority_created");
    assertThat(query("Next pending jobs (the workers' polling order)").text())
        .contains("WHERE j.status = 'pending'")
        .contains("ORDER BY j.priority DESC, j.created_at ASC");
  }

  /** SCHEMA.md, "Job Selection (Worker Polling)", word for word. */
  private static final String JOB_SELECTION = """
      SELECT * FROM automation_jobs
      WHERE status = 'pending'
      ORDER BY priority DESC, created_at ASC
      FOR UPDATE SKIP LOCKED
      LIMIT 1""";

  private static Dashboards.Query query(String panel) {
    return Dashboards.queries("grafana-postgresql-datasource").stream().filter(q -> q.panel().equals(panel)).findFirst()
        .orElseThrow(() -> new AssertionError("no panel " + panel));
  }

  private static int count(String sql) throws SQLException {
    try (Connection db = database.getConnection(); var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }

  /** The plan PostgreSQL chooses for the panel's SQL; {@code noSeqScan} forbids sequential scans first. */
  private static String plan(String panelSql, boolean noSeqScan) throws SQLException {
    try (Connection db = database.getConnection(); var statement = db.createStatement()) {
      if (noSeqScan) {
        statement.execute("SET enable_seqscan = off");
      }
      var plan = new StringBuilder();
      try (var rs = statement.executeQuery("EXPLAIN " + lastSixHours.expand(panelSql))) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      System.out.println("EXPLAIN of a dashboard panel:\n" + plan);
      return plan.toString();
    }
  }
}
