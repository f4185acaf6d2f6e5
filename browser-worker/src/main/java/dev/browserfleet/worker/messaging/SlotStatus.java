package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.JobAssignment;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one slot says about itself on {@code bf.worker-events}: a heartbeat with its status and
 * current job, written by the slot's thread and sent also by the heartbeat scheduler; and, once, that
 * it stopped, after which it says nothing more.
 */
final class SlotStatus {

  private static final Logger log = LoggerFactory.getLogger(SlotStatus.class);

  private final WorkerId workerId;
  private final String instance;
  private final Engine engine;
  private final WorkerKafka kafka;
  private final Clock clock;
  private final Instant startedAt;

  private WorkerStatus status = WorkerStatus.IDLE;
  private JobId currentJobId;
  private Integer browserTypeId;
  private boolean stoppedReported;

  SlotStatus(WorkerId workerId, String instance, Engine engine, WorkerKafka kafka, Clock clock) {
    this.workerId = workerId;
    this.instance = instance;
    this.engine = engine;
    this.kafka = kafka;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void busyWith(JobAssignment job) {
    synchronized (this) {
      status = WorkerStatus.BUSY;
      currentJobId = job.jobId();
      if (job.browserType() != null) {
        browserTypeId = job.browserType().id();
      }
    }
    heartbeat();
  }

  void idle() {
    synchronized (this) {
      status = WorkerStatus.IDLE;
      currentJobId = null;
    }
    heartbeat();
  }

  synchronized boolean isBusy() {
    return status == WorkerStatus.BUSY;
  }

  /** Says that the slot is alive, unless it has already said that it stopped. */
  synchronized void heartbeat() {
    if (stoppedReported) {
      return;
    }
    kafka.send(Topics.WORKER_EVENTS, workerId.toString(),
        new WorkerHeartbeat(UUID.randomUUID(), workerId, clock.instant(), instance, engine, status, currentJobId,
            browserTypeId, startedAt));
  }

  synchronized void reportStopped(String slotName) {
    stoppedReported = true;
    try {
      kafka.sendDurably(Topics.WORKER_EVENTS, workerId.toString(),
          new WorkerStopped(UUID.randomUUID(), workerId, clock.instant(), instance, engine));
    } catch (RuntimeException e) {
      log.warn("slot {} could not report that it stopped: {}", slotName, e.getMessage());
    }
  }
}
