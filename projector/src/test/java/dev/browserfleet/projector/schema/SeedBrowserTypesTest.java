package dev.browserfleet.projector.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WireEnum;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.projector.TestDatabases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeedBrowserTypesTest {

  private static DataSource database;

  @BeforeAll
  static void migrateAFreshDatabase() {
    database = TestDatabases.migrated("seed_types");
  }

  @Test
  void theMigrationSeedsExactlyTheContractsSeedBrowserTypes() throws Exception {
    var rows = new ArrayList<BrowserType>();
    try (var c = database.getConnection();
        var st = c.prepareStatement("SELECT * FROM browser_types ORDER BY id");
        var rs = st.executeQuery()) {
      while (rs.next()) {
        rows.add(browserType(rs));
      }
    }
    assertThat(rows).containsExactlyElementsOf(SeedBrowserTypes.all());
  }

  @Test
  void aTypeInsertedWithoutAnIdGetsTheNextFreeOne() throws Exception {
    try (var c = database.getConnection()) {
      c.setAutoCommit(false);
      try (var st =
              c.prepareStatement(
                  "INSERT INTO browser_types (name, type) VALUES ('Chromium Tablet', 'chromium')"
                      + " RETURNING id");
          var rs = st.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(SeedBrowserTypes.all().size() + 1);
      } finally {
        c.rollback();
      }
    }
  }

  private static BrowserType browserType(ResultSet rs) throws SQLException {
    return new BrowserType(
        rs.getInt("id"),
        rs.getString("name"),
        WireEnum.fromWireName(Engine.class, rs.getString("type")).orElseThrow(),
        WireEnum.fromWireName(DeviceType.class, rs.getString("device_type")).orElseThrow(),
        rs.getString("user_agent"),
        (Integer) rs.getObject("viewport_width"),
        (Integer) rs.getObject("viewport_height"),
        rs.getBoolean("is_active"),
        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
        rs.getObject("updated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
  }
}
