package dev.browserfleet.ingest.persistence;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.fleet.FleetQueries;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code browser_workers} and the job counts, as SCHEMA.md's query patterns read them. */
@Repository("ingestFleetQueries")
class JdbcFleetQueries implements FleetQueries {

  private static final String OWNED_BY_CALLER = "(:admin OR client_id = :clientId)";

  private final JdbcClient jdbc;

  JdbcFleetQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Worker> workers(Caller caller) {
    return jdbc.sql(
            """
            SELECT w.id, w.browser_type_id, w.status, w.last_heartbeat, w.started_at, w.metadata::text AS metadata,
                CASE WHEN :admin OR j.client_id = :clientId THEN w.current_job_id END AS current_job_id
            FROM browser_workers w LEFT JOIN automation_jobs j ON j.id = w.current_job_id
            ORDER BY w.started_at DESC, w.id""")
        .param("admin", caller instanceof Caller.Admin)
        .param("clientId", caller.owningClientId())
        .query((rs, n) -> new Worker(
            rs.getObject("id", UUID.class),
            rs.getObject("browser_type_id", Integer.class),
            rs.getString("status"),
            rs.getObject("current_job_id", UUID.class),
            utc(rs, "last_heartbeat"),
            utc(rs, "started_at"),
            rs.getString("metadata") == null
                ? null
                : JsonCodec.readTree(rs.getString("metadata").getBytes(StandardCharsets.UTF_8))))
        .list();
  }

  @Override
  public Map<String, Map<String, Long>> workerCounts() {
    var counts = new TreeMap<String, Map<String, Long>>();
    jdbc.sql(
            """
            SELECT COALESCE(metadata->>'engine', 'unknown') AS engine, status, count(*) AS n
            FROM browser_workers GROUP BY 1, 2""")
        .query((ResultSet rs) -> {
          counts.computeIfAbsent(rs.getString("engine"), e -> new TreeMap<>()).put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }

  @Override
  public Map<String, Long> jobsByStatus(Caller caller) {
    var counts = new LinkedHashMap<String, Long>();
    for (String status : List.of("pending", "processing", "completed", "failed", "cancelled")) {
      counts.put(status, 0L);
    }
    jdbc.sql("SELECT status, count(*) AS n FROM automation_jobs WHERE " + OWNED_BY_CALLER + " GROUP BY status")
        .param("admin", caller instanceof Caller.Admin)
        .param("clientId", caller.owningClientId())
        .query((ResultSet rs) -> {
          counts.put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }

  @Override
  public long finishedSince(Caller caller, Instant since) {
    return jdbc.sql("SELECT count(*) FROM automation_jobs WHERE completed_at >= :since AND " + OWNED_BY_CALLER)
        .param("since", LocalDateTime.ofInstant(since, ZoneOffset.UTC))
        .param("admin", caller instanceof Caller.Admin)
        .param("clientId", caller.owningClientId())
        .query(Long.class)
        .single();
  }

  @Override
  public List<PendingCount> pendingByEngineAndPriority() {
    // The partial index idx_jobs_priority_created covers exactly the pending rows.
    return jdbc.sql(
            """
            SELECT COALESCE(b.type, 'unknown') AS engine, COALESCE(j.priority, 0) AS priority, count(*) AS n
            FROM automation_jobs j LEFT JOIN browser_types b ON b.id = j.browser_type_id
            WHERE j.status = 'pending' GROUP BY 1, 2""")
        .query((rs, n) -> new PendingCount(rs.getString("engine"), rs.getInt("priority"), rs.getLong("n")))
        .list();
  }

  private static Instant utc(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
