package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.Failure;
import dev.browserfleet.worker.execution.FailureKind;
import dev.browserfleet.worker.execution.StageTimes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser slot: one thread, one warm session, and a share consumer per lane of its engine
 * (one lane per priority band). When its session is ready it polls the lanes highest band first
 * and takes the first job it gets, one at a time, so a queued job of a higher band starts before
 * any of a lower band, and the worker never holds more jobs than it can run ({@link LaneScan};
 * with nothing to do it waits on the engine's {@link Doorbell}). A job is acknowledged only after
 * its outcome is durably reported.
 */
final class WorkerSlot implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final Engine engine;
  private final int index;
  private final String instance;
  private final WorkerId workerId;
  private final List<Topic<JobAssignment>> lanes;
  private final Revocations revocations;
  private final Doorbell doorbell;
  private final SessionPool pool;
  private final AttemptExecutor executor;
  private final WorkerKafka kafka;
  private final Clock clock;
  private final SlotStatus status;
  private final BadAssignments badAssignments;
  private final StrandedRecords strandedRecords;
  private final CountDownLatch finished = new CountDownLatch(1);

  private volatile boolean stopping;
  private volatile long abandonAtNanos = Long.MAX_VALUE;
  private volatile boolean ready;
  private BrowserSession session;
  private final List<Band> bands = new ArrayList<>();
  private LaneScan scan;

  /** @param lanes the engine's lanes, highest band first */
  WorkerSlot(
      Engine engine, int index, String instance, List<Topic<JobAssignment>> lanes, Revocations revocations,
      Doorbell doorbell, SessionPool pool, AttemptExecutor executor, WorkerKafka kafka, Clock clock) {
    this.engine = engine;
    this.index = index;
    this.instance = instance;
    this.workerId = WorkerId.ofSlot(instance, engine.wireName(), index);
    this.lanes = lanes;
    this.revocations = revocations;
    this.doorbell = doorbell;
    this.pool = pool;
    this.executor = executor;
    this.kafka = kafka;
    this.clock = clock;
    this.status = new SlotStatus(workerId, instance, engine, kafka, clock);
    this.badAssignments = new BadAssignments(workerId, kafka, clock);
    this.strandedRecords = new StrandedRecords(workerId, kafka, clock);
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
  boolean isBusy() {
    return status.isBusy();
  }

  boolean isReady() {
    return ready;
  }

  /** Stops polling; a running job may finish until {@code grace} has passed, then it is handed back. */
  void requestStop(Duration grace) {
    abandonAtNanos = System.nanoTime() + grace.toNanos();
    stopping = true;
    doorbell.ring(); // a free slot waits on it
  }

  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      for (Topic<JobAssignment> lane : lanes) {
        var consumer = kafka.newShareConsumer(engine, index, lane.name());
        bands.add(new Band(lane.name(), consumer));
        consumer.subscribe(List.of(lane.name()));
      }
      scan = new LaneScan(bands, doorbell);
      heartbeat();
      awaitRevocations();
      while (!stopping) {
        try {
          if (session == null && !openSession()) {
            continue;
          }
          ready = true;
          takeNextJob();
        } catch (RuntimeException e) {
          log.error("slot {} hit an error; it goes on after {}", name(), RETRY_PAUSE, e);
          pause();
        }
      }
    } catch (RuntimeException e) {
      log.error("slot {} could not run", name(), e);
    } finally {
      ready = false;
      // Closing a consumer hands back whatever it acquired and did not acknowledge.
      Band.closeAll(bands);
      if (session != null) {
        pool.discard(session);
        session = null;
      }
      status.reportStopped(name());
      finished.countDown();
    }
  }

  /** Takes no job before the revocations written while no worker was up have been read. */
  private void awaitRevocations() {
    try {
      while (!stopping && !revocations.awaitCaughtUp(Duration.ofSeconds(5))) {
        log.warn("slot {} still waits to read {} before it takes jobs", name(), Topics.ATTEMPT_REVOCATIONS.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Runs the first job that comes on the lanes, highest band first, or waits a little for one. */
  private void takeNextJob() {
    LaneScan.Found found;
    try {
      found = scan.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return;
    }
    if (found != null) {
      for (ConsumerRecord<byte[], byte[]> record : found.records()) {
        handle(found.band(), record);
      }
    }
  }

  /**
   * While this slot runs a job, a lane whose polls came back empty may still acquire a record in
   * the background. Such a record is handed straight back, so that a free slot runs it instead of
   * it waiting behind this job. Called on the slot's thread about every tick of the job.
   */
  private void releaseStranded(Band running) {
    for (Band band : bands) {
      if (band == running || band.fetchingSince == Band.NOT_FETCHING) {
        continue;
      }
      ConsumerRecords<byte[], byte[]> stranded = band.consumer.poll(Duration.ZERO);
      if (stranded.isEmpty()) {
        continue;
      }
      // Having returned a record, the consumer stops fetching until it is polled again.
      band.fetchingSince = Band.NOT_FETCHING;
      stranded.forEach(record -> strandedRecords.handBack(name(), band, record));
      band.consumer.commitSync(Duration.ofSeconds(10));
    }
  }

  private boolean openSession() {
    ready = false;
    try {
      session = pool.open();
      return true;
    } catch (RuntimeException e) {
      if (stopping) {
        log.info("slot {} stopped while its {} session was starting", name(), engine.wireName());
        return false;
      }
      log.error("slot {} could not start a {} session; trying again in {}: {}", name(), engine.wireName(),
          RETRY_PAUSE, e.getMessage());
      pause();
      return false;
    }
  }

  private void handle(Band band, ConsumerRecord<byte[], byte[]> record) {
    JobAssignment job;
    try {
      job = JsonCodec.decode(record.value(), JobAssignment.class);
      if (job.jobId() == null) {
        throw new MalformedMessageException("a JobAssignment without a jobId", null);
      }
    } catch (MalformedMessageException | IllegalArgumentException | NullPointerException e) {
      badAssignments.deadLetter(name(), record, e.getMessage());
      badAssignments.failIfIdentifiable(record.value(), e.getMessage());
      claim(band, record, null).reject();
      return;
    }
    RecordClaim claim = claim(band, record, job);
    // Revoked for this worker only means it lost the attempt to another while running it; a record
    // the broker hands it now is its to run.
    Optional<AttemptRevoked> revokedAlready = revocations.forEveryone(job.jobId(), job.attempt());
    if (revokedAlready.isPresent()) {
      skipRevoked(claim, job, revokedAlready.get());
      return;
    }
    status.busyWith(job);
    var reports = new KafkaAttemptReports(kafka, job, workerId, clock);
    AttemptOutcome outcome = unrunnable(job)
        .<AttemptOutcome>map(failure -> {
          reports.started();
          return new AttemptOutcome.Failed(failure, new JobResult(List.of(), null, null, null, null));
        })
        .orElseGet(() -> executor.execute(job, session, reports, claim, name() + "-job"));
    switch (outcome) {
      case AttemptOutcome.Abandoned abandoned -> {
        log.info("slot {} hands job {} back: the worker is stopping", name(), job.jobId());
        handBack(claim, job, reports);
      }
      case AttemptOutcome.Revoked revoked -> {
        log.info("slot {} stopped job {} attempt {}: {}", name(), job.jobId(), job.attempt(), revoked.reason());
        revocations.forRunning(job.jobId(), job.attempt(), workerId).ifPresentOrElse(
            r -> skipRevoked(claim, job, r), claim::accept);
      }
      default -> reportAndAccept(claim, job, reports, outcome);
    }
    renewSession(outcome);
    status.idle();
  }

  /**
   * The slot's hold on {@code record} while its job runs: abandoned when the worker stops past its
   * grace, revoked when the dispatcher says so, and ticking the other lanes' stranded records back.
   */
  private RecordClaim claim(Band band, ConsumerRecord<byte[], byte[]> record, JobAssignment job) {
    return new RecordClaim(band.consumer, record,
        () -> stopping && System.nanoTime() - abandonAtNanos > 0,
        () -> job == null ? Optional.empty()
            : revocations.forRunning(job.jobId(), job.attempt(), workerId).map(AttemptRevoked::reason),
        () -> releaseStranded(band));
  }

  private void reportAndAccept(RecordClaim claim, JobAssignment job, KafkaAttemptReports reports, AttemptOutcome outcome) {
    boolean reported = false;
    try {
      long start = System.nanoTime();
      reports.finished(outcome);
      executor.stages().record(StageTimes.Stage.REPORTED, pool.engine().wireName(), null, System.nanoTime() - start);
      reported = true;
      claim.accept();
    } catch (RuntimeException e) {
      log.error("slot {} could not {} job {}: {}", name(), reported ? "acknowledge" : "report the outcome of",
          job.jobId(), e.toString());
      if (!reported) {
        // Its outcome is not on record, so the job must run again: hand it back rather than wait out the lock.
        release(claim, job);
      }
    }
  }

  /**
   * A revoked attempt is not run on. Revoked for every worker (the job was cancelled, failed or
   * moved on to a new attempt), its record is done with; revoked for this worker only (another one
   * took the attempt over), it is handed back, should this slot still hold it.
   */
  private void skipRevoked(RecordClaim claim, JobAssignment job, AttemptRevoked revocation) {
    log.info("slot {} does not run job {} attempt {}: it was revoked ({})", name(), job.jobId(), job.attempt(),
        revocation.reason());
    if (revocation.workerId() == null) {
      claim.accept();
    } else {
      release(claim, job);
    }
  }

  /** Says that the attempt goes back unfinished, then releases its record for another worker. */
  private void handBack(RecordClaim claim, JobAssignment job, KafkaAttemptReports reports) {
    try {
      reports.handedBack("worker " + instance + " is stopping");
    } catch (RuntimeException e) {
      log.warn("slot {} could not report that it hands job {} back; the next start counts as a retry: {}", name(),
          job.jobId(), e.toString());
    }
    release(claim, job);
  }

  private void release(RecordClaim claim, JobAssignment job) {
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

  /** Says that this slot is alive, unless it has already said that it stopped. */
  void heartbeat() {
    status.heartbeat();
  }

  private void pause() {
    pause(RETRY_PAUSE);
  }

  private void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (!stopping && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }
}
