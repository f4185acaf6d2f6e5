package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.JobStory.SUBMITTED_AT;
import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The projector names each job whose row it ends on {@link JobStatus#ENDED_CHANNEL}, on a real PostgreSQL. */
class JobEndNotificationTest {

  private static final WorkerId WORKER = WorkerId.ofSlot("worker-a", "chromium", 0);

  @Test
  void aTransactionThatEndsAJobNamesThatJobAndNoOther() throws Exception {
    DataSource dataSource = TestDatabases.migrated("job_end_notification");
    ProjectionStore store = TestDatabases.store(dataSource, Clock.fixed(SUBMITTED_AT.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    JobStory ended = aJob();
    JobStory running = aJob();
    try (Connection listening = dataSource.getConnection()) {
      try (Statement listen = listening.createStatement()) {
        listen.execute("LISTEN " + JobStatus.ENDED_CHANNEL);
      }

      store.applyJobEvents(List.of(ended.accepted(), running.accepted(), ended.started(1, WORKER),
          running.started(1, WORKER), ended.succeeded()));

      // The notifications of one transaction arrive together when it commits.
      List<String> named = new ArrayList<>();
      PGConnection postgres = listening.unwrap(PGConnection.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (named.isEmpty() && System.nanoTime() < deadline) {
        PGNotification[] notifications = postgres.getNotifications(500);
        if (notifications != null) {
          Arrays.stream(notifications).forEach(n -> {
            assertThat(n.getName()).isEqualTo(JobStatus.ENDED_CHANNEL);
            named.add(n.getParameter());
          });
        }
      }
      assertThat(named).containsExactly(ended.jobId().toString());
    }
  }
}
