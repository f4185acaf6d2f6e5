package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker holds an attempt's reports for at most {@link KafkaAttemptReports#HOLD} and sends those
 * that come meanwhile in one record: a short job's reports go out with its outcome, in one record,
 * and a long job's start is on the topic long before its outcome.
 */
class ReportBatchingTest {

  @Test
  void aShortJobsReportsGoOutWithItsOutcomeInOneRecordAndALongJobsStartGoesAhead() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var worker = Workers.chromium(bootstrap, "batching", Duration.ofSeconds(5));
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      Workers.started(worker);
      // The first job of a slot also waits for its browser; the second is the short one measured.
      JobAssignment first = Workers.waiting(10);
      Workers.queue("normal", first);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(first.jobId()), Duration.ofSeconds(120));
      JobAssignment quick = Workers.waiting(10);
      Workers.queue("normal", quick);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(quick.jobId()), Duration.ofSeconds(60));

      List<AttemptReport> records = recordsOf(reports, quick);
      assertThat(records).as("one record for the whole short job").singleElement()
          .isInstanceOf(AttemptReportBatch.class);
      List<AttemptReport> inside = ((AttemptReportBatch) records.getFirst()).reports();
      assertThat(inside.getFirst()).isInstanceOf(AttemptStarted.class);
      assertThat(inside).anyMatch(AttemptLogged.class::isInstance).anyMatch(AttemptProgressed.class::isInstance);
      assertThat(inside.getLast()).isInstanceOf(AttemptSucceeded.class);
      assertThat(inside).extracting(AttemptReport::occurredAt).isSorted();

      JobAssignment slow = Workers.waiting(4_000);
      Workers.queue("normal", slow);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(slow.jobId()), Duration.ofSeconds(60));
      assertThat(reports.values()).as("its start is reported while it still waits")
          .noneMatch(r -> r instanceof AttemptSucceeded && r.jobId().equals(slow.jobId()));
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(slow.jobId()), Duration.ofSeconds(60));
      assertThat(recordsOf(reports, slow)).as("the start ahead, the rest with the outcome").hasSize(2);
    } finally {
      worker.stop();
    }
  }

  /** The records of {@code job}'s reports as they were sent, a batch as one. */
  private static List<AttemptReport> recordsOf(TopicProbe<AttemptReport> reports, JobAssignment job) {
    return reports.records().stream()
        .filter(r -> job.jobId().toString().equals(r.key()))
        .map(r -> JsonCodec.decode(r.value(), AttemptReport.class))
        .toList();
  }
}
