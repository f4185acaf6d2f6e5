package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.kafka.DeadLetters;
import dev.browserfleet.worker.browser.BrowserSession;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.Failure;
import dev.browserfleet.worker.execution.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One browser slot: one thread, one share consumer on its engine's lanes, one warm session. It
 * polls only when its session is ready and takes one job at a time, so the worker never holds more
 * jobs than it can run. A job is acknowledged only after its outcome is durably reported.
 */
final class WorkerSlot implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);

  static final String REJECTED_BY = "browser-worker";
  // Short polls: with Kafka 4.2.1 a share fetch already in flight when a record arrives was seen to
  // return empty at the end of its wait, and the record came only with the next poll. At 500 ms
  // that put 0.5-1.5 s between a job being queued and a free slot starting it; at 50 ms it is at
  // most one short poll. An idle slot pays with about 20 small fetch requests a second.
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final Engine engine;
  private final int index;
  private final String instance;
  private final WorkerId workerId;
  private final List<Topic<JobAssignment>> lanes;
  private final SessionPool pool;
  private final AttemptExecutor executor;
  private final WorkerKafka kafka;
  private final Clock clock;
  private final Instant startedAt;
  private final CountDownLatch finished = new CountDownLatch(1);

  private volatile boolean stopping;
  private volatile long abandonAtNanos = Long.MAX_VALUE;
  private volatile boolean ready;
  private BrowserSession session;

  // What the heartbeat says; written by the slot's thread, read by the heartbeat scheduler.
  private WorkerStatus status = WorkerStatus.IDLE;
  private JobId currentJobId;
  private Integer browserTypeId;
  private boolean stoppedReported;

  WorkerSlot(
      Engine engine, int index, String instance, List<Topic<JobAssignment>> lanes, SessionPool pool,
      AttemptExecutor executor, WorkerKafka kafka, Clock clock) {
    this.engine = engine;
    this.index = index;
    this.instance = instance;
    this.workerId = WorkerId.ofSlot(instance, engine.wireName(), index);
    this.lanes = lanes;
    this.pool = pool;
    this.executor = executor;
    this.kafka = kafka;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  String name() {
    return "bf-worker-" + engine.wireName() + "-" + index;
  }

  Engine engine() {
    return engine;
  }

  WorkerId workerId() {
    return workerId;
  }

  /** Running, with a started session, taking jobs. */
  boolean isReady() {
    return ready;
  }

  /** Stops polling; a running job may finish until {@code grace} has passed, then it is handed back. */
  void requestStop(Duration grace) {
    abandonAtNanos = System.nanoTime() + grace.toNanos();
    stopping = true;
  }

  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try (ShareConsumer<byte[], byte[]> consumer = kafka.newShareConsumer(engine, index)) {
      consumer.subscribe(lanes.stream().map(Topic::name).toList());
      heartbeat();
      while (!stopping) {
        try {
          if (session == null && !openSession()) {
            continue;
          }
          ready = true;
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            handle(consumer, record);
          }
        } catch (RuntimeException e) {
          log.error("slot {} hit an error; it goes on after {}", name(), RETRY_PAUSE, e);
          pause();
        }
      }
    } catch (RuntimeException e) {
      log.error("slot {} could not run", name(), e);
    } finally {
      ready = false;
      if (session != null) {
        pool.discard(session);
        session = null;
      }
      reportStopped();
      finished.countDown();
    }
  }

  private boolean openSession() {
    ready = false;
    try {
      session = pool.open();
      return true;
    } catch (RuntimeException e) {
      log.error("slot {} could not start a {} session; trying again in {}: {}", name(), engine.wireName(),
          RETRY_PAUSE, e.getMessage());
      pause();
      return false;
    }
  }

  private void handle(ShareConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record) {
    var claim = new RecordClaim(consumer, record, () -> stopping && System.nanoTime() - abandonAtNanos > 0);
    JobAssignment job;
    try {
      job = JsonCodec.decode(record.value(), JobAssignment.class);
      if (job.jobId() == null) {
        throw new MalformedMessageException("a JobAssignment without a jobId", null);
      }
    } catch (MalformedMessageException | IllegalArgumentException | NullPointerException e) {
      deadLetter(record, e.getMessage());
      failIfIdentifiable(record.value(), e.getMessage());
      claim.reject();
      return;
    }
    busyWith(job);
    var reports = new KafkaAttemptReports(kafka, job, workerId, clock);
    AttemptOutcome outcome = unrunnable(job)
        .<AttemptOutcome>map(failure -> {
          reports.started();
          return new AttemptOutcome.Failed(failure, new JobResult(List.of(), null, null, null, null));
        })
        .orElseGet(() -> executor.execute(job, session, reports, claim, name() + "-job"));
    if (outcome instanceof AttemptOutcome.Abandoned) {
      log.info("slot {} hands job {} back: the worker is stopping", name(), job.jobId());
      handBack(claim, job);
    } else {
      boolean reported = false;
      try {
        reports.finished(outcome);
        reported = true;
        claim.accept();
      } catch (RuntimeException e) {
        log.error("slot {} could not {} job {}: {}", name(), reported ? "acknowledge" : "report the outcome of",
            job.jobId(), e.toString());
        if (!reported) {
          // Its outcome is not on record, so the job must run again: hand it back rather than wait out the lock.
          handBack(claim, job);
        }
      }
    }
    renewSession(outcome);
    idle();
  }

  private void handBack(RecordClaim claim, JobAssignment job) {
    try {
      claim.release();
    } catch (RuntimeException e) {
      log.warn("slot {} could not hand job {} back; it returns to the lane when its lock expires: {}", name(),
          job.jobId(), e.toString());
    }
  }

  /** Why this slot cannot run {@code job} at all, if it cannot. */
  private Optional<Failure> unrunnable(JobAssignment job) {
    String problem = null;
    if (job.browserType() == null) {
      problem = "the assignment carries no browser type";
    } else if (job.browserType().type() != engine) {
      problem = "the assignment is for engine " + job.browserType().type() + " but came to a " + engine.wireName()
          + " lane";
    } else if (job.targetUrl() == null || job.targetUrl().isBlank()) {
      problem = "the assignment has no targetUrl";
    }
    return Optional.ofNullable(problem)
        .map(p -> new Failure(FailureKind.INVALID_ACTION, "invalid assignment: " + p, false));
  }

  private void renewSession(AttemptOutcome outcome) {
    if (stopping) {
      return; // the session is closed on the way out
    }
    try {
      session = pool.afterJob(session, outcome.sessionReusable());
    } catch (RuntimeException e) {
      session = null;
      ready = false;
      log.error("slot {} could not start a new {} session: {}", name(), engine.wireName(), e.getMessage());
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    log.warn("slot {}: a record on {}-{}@{} is not a job assignment, sent to {}: {}", name(), record.topic(),
        record.partition(), record.offset(), Topics.DEAD_LETTERS.name(), reason);
    kafka.sendDurably(DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(),
        record.value(), reason, REJECTED_BY));
  }

  /**
   * A record that is not a valid assignment but names its job and attempt fails that attempt, so
   * that the job does not wait for a worker that will never run it.
   */
  private void failIfIdentifiable(byte[] value, String reason) {
    JobId jobId;
    int attempt;
    try {
      JsonNode tree = JsonCodec.readTree(value);
      if (!tree.path("jobId").isString() || !tree.path("attempt").isIntegralNumber()) {
        return;
      }
      jobId = JobId.of(tree.path("jobId").asString());
      attempt = tree.path("attempt").asInt();
    } catch (RuntimeException notIdentifiable) {
      return;
    }
    kafka.sendDurably(Topics.ATTEMPT_REPORTS, jobId.toString(), new AttemptFailed(UUID.randomUUID(), jobId, attempt,
        workerId, clock.instant(), "invalid assignment: " + reason, false,
        new JobResult(List.of(), null, null, null, null)));
  }

  private void busyWith(JobAssignment job) {
    synchronized (this) {
      status = WorkerStatus.BUSY;
      currentJobId = job.jobId();
      if (job.browserType() != null) {
        browserTypeId = job.browserType().id();
      }
    }
    heartbeat();
  }

  private void idle() {
    synchronized (this) {
      status = WorkerStatus.IDLE;
      currentJobId = null;
    }
    heartbeat();
  }

  /** Says that this slot is alive, unless it has already said that it stopped. */
  synchronized void heartbeat() {
    if (stoppedReported) {
      return;
    }
    kafka.send(Topics.WORKER_EVENTS, workerId.toString(),
        new WorkerHeartbeat(UUID.randomUUID(), workerId, clock.instant(), instance, engine, status, currentJobId,
            browserTypeId, startedAt));
  }

  private synchronized void reportStopped() {
    stoppedReported = true;
    try {
      kafka.sendDurably(Topics.WORKER_EVENTS, workerId.toString(),
          new WorkerStopped(UUID.randomUUID(), workerId, clock.instant(), instance, engine));
    } catch (RuntimeException e) {
      log.warn("slot {} could not report that it stopped: {}", name(), e.getMessage());
    }
  }

  private void pause() {
    long until = System.nanoTime() + RETRY_PAUSE.toNanos();
    while (!stopping && System.nanoTime() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }
}
