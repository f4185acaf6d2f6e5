package dev.browserfleet.ingest.persistence;

import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code browser_types}, as the projector keeps it from {@code bf.browser-types}. */
@Repository("ingestBrowserTypeCatalog")
class JdbcBrowserTypeCatalog implements BrowserTypeCatalog {

  // Columns that SCHEMA.md leaves nullable read as their documented defaults.
  private static final String SELECT =
      "SELECT id, name, type, COALESCE(device_type, 'desktop') AS device_type, user_agent,"
          + " viewport_width, viewport_height, COALESCE(is_active, true) AS is_active, created_at, updated_at"
          + " FROM browser_types";

  private final JdbcClient jdbc;

  JdbcBrowserTypeCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<BrowserTypeView> list() {
    return jdbc.sql(SELECT + " ORDER BY id").query(JdbcBrowserTypeCatalog::map).list();
  }

  @Override
  public Optional<BrowserTypeView> find(int id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(JdbcBrowserTypeCatalog::map).optional();
  }

  // The serial's sequence, which the projector keeps past every id it writes: nextval is atomic
  // across replicas, so two admins creating types at once get two ids. No table row is written.
  @Override
  public int nextId() {
    return jdbc.sql("SELECT nextval(pg_get_serial_sequence('browser_types', 'id'))").query(Integer.class).single();
  }

  private static BrowserTypeView map(ResultSet rs, int row) throws SQLException {
    return new BrowserTypeView(
        rs.getInt("id"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("device_type"),
        rs.getString("user_agent"),
        rs.getObject("viewport_width", Integer.class),
        rs.getObject("viewport_height", Integer.class),
        rs.getBoolean("is_active"),
        utc(rs, "created_at"),
        utc(rs, "updated_at"));
  }

  private static Instant utc(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
