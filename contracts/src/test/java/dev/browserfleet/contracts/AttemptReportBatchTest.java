package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttemptReportBatchTest {

  private static final JobId JOB = JobId.random();
  private static final WorkerId WORKER = WorkerId.ofSlot("w", "chromium", 0);
  private static final Instant AT = Instant.parse("2026-12-07T20:00:00Z");

  private static AttemptReport started(JobId job, int attempt) {
    return new AttemptStarted(UUID.randomUUID(), job, attempt, WORKER, AT);
  }

  private static AttemptReport logged(Instant at) {
    return new AttemptLogged(UUID.randomUUID(), JOB, 1, WORKER, at, LogLevel.INFO, "opened", Map.of());
  }

  @Test
  void aBatchKeepsItsReportsInOrderAndIsDatedByTheLast() {
    var batch = AttemptReportBatch.of(List.of(started(JOB, 1), logged(AT.plusMillis(90))));
    assertThat(batch.reports()).extracting(r -> r.getClass().getSimpleName()).containsExactly("AttemptStarted", "AttemptLogged");
    assertThat(batch.occurredAt()).isEqualTo(AT.plusMillis(90));
    assertThat(JsonCodec.decode(JsonCodec.encode(batch), AttemptReport.class)).isEqualTo(batch);
  }

  @Test
  void aBatchHoldsReportsOfOneAttemptOnly() {
    assertThatThrownBy(() -> AttemptReportBatch.of(List.of(started(JOB, 1), started(JOB, 2))))
        .hasMessageContaining("every report of a batch is of its job");
    assertThatThrownBy(() -> AttemptReportBatch.of(List.of(started(JobId.random(), 1), logged(AT))))
        .hasMessageContaining("every report of a batch is of its job");
  }

  @Test
  void aBatchIsNeitherEmptyNorNested() {
    assertThatThrownBy(() -> new AttemptReportBatch(UUID.randomUUID(), JOB, 1, WORKER, AT, List.of()))
        .hasMessageContaining("at least one report");
    var inner = AttemptReportBatch.of(List.of(started(JOB, 1)));
    assertThatThrownBy(() -> AttemptReportBatch.of(List.of(inner, logged(AT))))
        .hasMessageContaining("holds no batch");
  }
}
