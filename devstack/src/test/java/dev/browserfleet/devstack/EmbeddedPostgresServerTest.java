package dev.browserfleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  @TempDir Path dir;

  @Test
  void aCreatedDatabaseKeepsItsRowsAcrossARestart() throws Exception {
    Path data = dir.resolve("pg");
    try (var pg = EmbeddedPostgresServer.start(data, 0)) {
      pg.createDatabase("kept");
      try (var c = DriverManager.getConnection(pg.jdbcUrl("kept"), EmbeddedPostgresServer.USER, "");
          var s = c.createStatement()) {
        s.execute("CREATE TABLE t (v text)");
        s.execute("INSERT INTO t VALUES ('still here')");
      }
    }
    try (var pg = EmbeddedPostgresServer.start(data, 0);
        var c = DriverManager.getConnection(pg.jdbcUrl("kept"), EmbeddedPostgresServer.USER, "");
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT v FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
      assertThat(pg.jdbcUrl("kept")).contains("/kept");
    }
  }
}
