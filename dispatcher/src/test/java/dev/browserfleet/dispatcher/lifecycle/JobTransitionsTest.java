package dev.browserfleet.dispatcher.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTransitionsTest {

  @ParameterizedTest
  @EnumSource(value = JobPhase.class, names = {"SUCCEEDED", "FAILED", "CANCELLED", "REJECTED"})
  void nothingLeavesATerminalPhase(JobPhase terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    for (JobPhase next : JobPhase.values()) {
      assertThat(JobTransitions.isAllowed(terminal, next)).as("%s -> %s", terminal, next).isFalse();
    }
  }

  @Test
  void aQueuedJobCanStartBeCancelledFailOrBeQueuedAfreshButNotSucceedWithoutStarting() {
    assertThat(JobTransitions.allowedFrom(JobPhase.QUEUED))
        .containsExactlyInAnyOrder(JobPhase.RUNNING, JobPhase.CANCELLED, JobPhase.FAILED, JobPhase.QUEUED);
  }

  @Test
  void aBackoffEndsInTheQueueOrACancellationOnly() {
    assertThat(JobTransitions.allowedFrom(JobPhase.BACKOFF)).containsExactlyInAnyOrder(JobPhase.QUEUED, JobPhase.CANCELLED);
    assertThat(JobPhase.BACKOFF.projected()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void aRunningJobCanEndOrWaitAgainButNotBeRejected() {
    assertThat(JobTransitions.allowedFrom(JobPhase.RUNNING)).containsExactlyInAnyOrder(
        JobPhase.SUCCEEDED, JobPhase.FAILED, JobPhase.CANCELLED, JobPhase.QUEUED, JobPhase.BACKOFF);
  }

  @Test
  void everyPhaseProjectsOntoOneOfTheFiveDocumentedStatuses() {
    assertThat(JobPhase.QUEUED.projected()).isEqualTo(JobStatus.PENDING);
    assertThat(JobPhase.RUNNING.projected()).isEqualTo(JobStatus.PROCESSING);
    assertThat(JobPhase.SUCCEEDED.projected()).isEqualTo(JobStatus.COMPLETED);
    assertThat(JobPhase.REJECTED.projected()).isEqualTo(JobStatus.FAILED);
    assertThat(JobPhase.CANCELLED.projected()).isEqualTo(JobStatus.CANCELLED);
  }
}
