package dev.browserfleet.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.ingest.job.EndedJobs;
import dev.browserfleet.ingest.job.JobEndWatch;
import dev.browserfleet.testing.SharedInfrastructure;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The listener against a real PostgreSQL. The watch under it looks only once an hour on its own, so
 * a waiting read that is answered was answered by the notification.
 */
class PostgresJobEndNotificationsTest {

  private final EndedJobs jobs = new EndedJobs();

  private static PGSimpleDataSource database() {
    var dataSource = new PGSimpleDataSource();
    dataSource.setUrl(SharedInfrastructure.newDatabase("job_end_notifications"));
    dataSource.setUser("postgres");
    return dataSource;
  }

  @Test
  void aNotificationOfTheProjectorAnswersTheReadThatWaitsForThatJob() throws Exception {
    var dataSource = database();
    try (var watch = new JobEndWatch(jobs::endedAmong, Duration.ofHours(1));
        var notifications = new PostgresJobEndNotifications(dataSource, watch)) {
      await().atMost(Duration.ofSeconds(10)).until(watch::notificationsHeard);
      JobId job = JobId.random();
      var waiter = watch.whenEnded(job);
      await().atMost(Duration.ofSeconds(5)).until(() -> jobs.looks() >= 1);
      jobs.end(job);

      try (Connection projector = dataSource.getConnection();
          var notify = projector.prepareStatement("SELECT pg_notify(?, ?)")) {
        notify.setString(1, JobStatus.ENDED_CHANNEL);
        notify.setString(2, job.toString());
        notify.execute();
      }

      await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
      notifications.close();
      assertThat(watch.notificationsHeard()).isFalse();
    }
  }

  @Test
  void aDatabaseThatIsAwayAtFirstIsListenedToOnceItIsBack() {
    var away = new AtomicInteger(2);
    DataSource flaky = new FlakyDataSource(database(), away);
    try (var watch = new JobEndWatch(jobs::endedAmong, Duration.ofHours(1));
        var notifications = new PostgresJobEndNotifications(flaky, watch)) {
      await().atMost(Duration.ofSeconds(15)).until(watch::notificationsHeard);
      assertThat(away.get()).isNegative();
    }
  }

  /** Refuses the first {@code away} connections, as a database that is not up yet. */
  private record FlakyDataSource(DataSource real, AtomicInteger away) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      if (away.getAndDecrement() > 0) {
        throw new SQLException("Connection refused (the database is away)");
      }
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return real.isWrapperFor(type);
    }
  }
}
