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

  /**
   * bin/browserfleet dev killed with SIGKILL leaves its PostgreSQL running; started again on the
   * same data directory, it must take that server's place rather than wait for its own to start.
   */
  @Test
  void aServerStartsOnTheDataDirectoryOfAKilledProcessWhosePostgresIsStillRunning() throws Exception {
    Path data = dir.resolve("pg-of-a-killed-jvm");
    String javaBin = ProcessHandle.current().info().command().orElseThrow();
    var holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        PostgresHolder.class.getName(), data.toString())
        .redirectErrorStream(true).start();
    long orphan;
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
        // start-up log lines
      }
      assertThat(line).as("the holder JVM's PostgreSQL started").isNotNull();
      holder.destroyForcibly().waitFor();
    }
    try (var lines = java.nio.file.Files.lines(data.resolve("postmaster.pid"))) {
      orphan = Long.parseLong(lines.findFirst().orElseThrow().trim());
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("left running by the killed JVM").contains(true);

    try (var pg = EmbeddedPostgresServer.start(data, 0)) {
      pg.createDatabase("after_the_kill");
      assertThat(runs(orphan)).as("the left postmaster runs on").isFalse();
    }
  }

  /** Alive and not a zombie (where nothing reaps orphans, as in some containers, one stays listed). */
  private static boolean runs(long pid) throws java.io.IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !java.nio.file.Files.exists(stat)) {
      return false;
    }
    String text = java.nio.file.Files.readString(stat);
    return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
  }
}
