package dev.browserfleet.ingest.persistence;

import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.ingest.job.JobEndWatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the projector's {@link JobStatus#ENDED_CHANNEL} and nudges the {@link JobEndWatch}
 * whenever jobs have just ended, so that a read waiting for a job's end answers at once instead of
 * at the watch's next look. It holds one connection of the pool, and gives it back every {@link
 * #RENEW_EVERY} so that the pool can retire it. While it cannot listen (the database away), the
 * watch is told so and looks every few ms, as it would without it.
 */
public final class PostgresJobEndNotifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PostgresJobEndNotifications.class);

  static final Duration RENEW_EVERY = Duration.ofMinutes(10);
  private static final int WAIT_MS = 500;
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final JobEndWatch watch;
  private final Thread listener;
  private volatile boolean open = true;
  // Whether the last try to listen failed; only the listener thread uses it.
  private boolean away;

  public PostgresJobEndNotifications(DataSource dataSource, JobEndWatch watch) {
    this.dataSource = dataSource;
    this.watch = watch;
    this.listener = Thread.ofPlatform().name("ingest-job-end-listener").daemon().start(this::listenWhileOpen);
  }

  private void listenWhileOpen() {
    while (open) {
      try {
        listenFor(RENEW_EVERY);
      } catch (SQLException | RuntimeException e) {
        watch.notificationsHeard(false);
        if (!away && open) {
          log.info("Not listening for ended jobs ({}); waiting reads look every few ms until the database is back",
              e.getMessage());
        }
        away = true;
        pause();
      }
    }
    watch.notificationsHeard(false);
  }

  /** Listens on one connection for {@code period}, then gives it back. */
  private void listenFor(Duration period) throws SQLException {
    long until = System.nanoTime() + period.toNanos();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement listen = connection.createStatement()) {
        listen.execute("LISTEN " + JobStatus.ENDED_CHANNEL);
      }
      PGConnection postgres = connection.unwrap(PGConnection.class);
      if (away) {
        log.info("Listening for ended jobs again");
        away = false;
      }
      watch.notificationsHeard(true);
      watch.nudge(); // anything that ended before this LISTEN
      while (open && System.nanoTime() < until) {
        PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
        if (notifications != null && notifications.length > 0) {
          watch.nudge();
        }
      }
      watch.notificationsHeard(false);
      try (Statement unlisten = connection.createStatement()) {
        unlisten.execute("UNLISTEN *");
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      open = false;
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      listener.join(Duration.ofMillis(WAIT_MS + 1_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
