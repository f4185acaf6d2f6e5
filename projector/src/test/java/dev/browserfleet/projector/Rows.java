package dev.browserfleet.projector;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads projected rows for assertions. A row that is not there reads as an empty map. */
public final class Rows {

  private final JdbcClient db;

  public Rows(JdbcClient db) {
    this.db = db;
  }

  public Map<String, Object> job(JobId id) {
    return list("SELECT * FROM automation_jobs WHERE id = :id", id).stream().findFirst().orElse(Map.of());
  }

  public Map<String, Object> worker(WorkerId id) {
    return db.sql("SELECT * FROM browser_workers WHERE id = :id").param("id", id.value())
        .query().listOfRows().stream().map(Rows::local).findFirst().orElse(Map.of());
  }

  /** The rows of {@code sql}, whose one parameter {@code :id} is the job id. */
  public List<Map<String, Object>> list(String sql, JobId id) {
    return db.sql(sql).param("id", id.value()).query().listOfRows().stream().map(Rows::local).toList();
  }

  /**
   * The driver reads TIMESTAMP columns as {@link Timestamp}s with the stored fields; as {@link
   * LocalDateTime}s they compare with the expected UTC values whatever the JVM's time zone.
   */
  public static Map<String, Object> local(Map<String, Object> row) {
    var local = new LinkedHashMap<String, Object>();
    row.forEach((k, v) -> local.put(k, v instanceof Timestamp t ? t.toLocalDateTime() : v));
    return local;
  }
}
