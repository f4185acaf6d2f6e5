package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.worker.execution.AttemptOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker holds an attempt's reports for at most {@link KafkaAttemptReports#HOLD} and sends those
 * that come meanwhile in one record, on the real broker: reports made together go out with the
 * outcome in one record, a report held past its hold goes out ahead, and what is held when the
 * worker's clients close still goes out.
 */
class ReportBatchingTest {

  private static final WorkerId WORKER = WorkerId.ofSlot("batching", "chromium", 0);
  private static final JobResult NOTHING = new JobResult(List.of(), Map.of(), null, null, null);

  private final String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
  private final WorkerKafka kafka;
  private final TopicProbe<AttemptReport> probe;

  ReportBatchingTest() {
    TestKafka.createTopics(List.of(Topics.ATTEMPT_REPORTS));
    kafka = new WorkerKafka(bootstrap, "batching-test");
    probe = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
  }

  @AfterEach
  void close() {
    kafka.close();
    probe.close();
  }

  @Test
  void reportsMadeWithinTheHoldGoOutWithTheOutcomeInOneRecord() {
    JobAssignment job = Workers.waiting(10);
    var reports = new KafkaAttemptReports(kafka, job, WORKER, Clock.systemUTC());
    reports.started();
    reports.logged(LogLevel.INFO, "opened", Map.of());
    reports.progressed(0, 1, "wait", null, 10, true, null);
    reports.finished(new AttemptOutcome.Succeeded(NOTHING));

    probe.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));
    assertThat(recordsOf(job)).singleElement().isInstanceOfSatisfying(AttemptReportBatch.class, batch ->
        assertThat(batch.reports()).extracting(r -> r.getClass().getSimpleName())
            .containsExactly("AttemptStarted", "AttemptLogged", "AttemptProgressed", "AttemptSucceeded"));
  }

  @Test
  void aReportHeldPastItsHoldGoesOutAheadOfTheOutcome() {
    JobAssignment job = Workers.waiting(10);
    var reports = new KafkaAttemptReports(kafka, job, WORKER, Clock.systemUTC());
    reports.started();
    probe.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));
    assertThat(probe.values()).as("the job still runs").noneMatch(r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()));
    reports.logged(LogLevel.INFO, "action 1/1 wait ok", Map.of());
    reports.finished(new AttemptOutcome.Succeeded(NOTHING));

    probe.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));
    List<AttemptReport> records = recordsOf(job);
    assertThat(records).hasSize(2);
    assertThat(records.getFirst()).isInstanceOf(AttemptStarted.class);
    assertThat(((AttemptReportBatch) records.get(1)).reports())
        .hasExactlyElementsOfTypes(AttemptLogged.class, AttemptSucceeded.class);
  }

  @Test
  void whatIsHeldWhenTheClientsCloseStillGoesOut() {
    JobAssignment job = Workers.waiting(10);
    var reports = new KafkaAttemptReports(kafka, job, WORKER, Clock.systemUTC());
    reports.progressed(0, 1, "wait", null, 10, true, null);
    kafka.close();

    probe.awaitOne(r -> r instanceof AttemptProgressed && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));
  }

  /** The records of {@code job}'s reports as they were sent, a batch as one. */
  private List<AttemptReport> recordsOf(JobAssignment job) {
    return probe.records().stream()
        .filter(r -> job.jobId().toString().equals(r.key()))
        .map(r -> JsonCodec.decode(r.value(), AttemptReport.class))
        .toList();
  }
}
