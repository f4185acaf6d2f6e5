package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt within its {@code timeoutMs}. The job runs on its own thread while the caller's
 * thread watches the clock (and ticks, so that the caller can renew its claim on the job). When
 * the time is up, the session is aborted, which makes any command in flight fail, and the attempt
 * fails retryably with "timed out after N ms"; nothing the job's thread reports afterwards is
 * passed on.
 */
public final class AttemptExecutor {

  private static final Logger log = LoggerFactory.getLogger(AttemptExecutor.class);

  /** How long a stopped job's thread may take to notice that its browser is gone. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** How long after the attempt's deadline the runner's own waits end (see execute). */
  private static final Duration RUNNER_GRACE = Duration.ofMillis(500);

  private final JobRunner runner;
  private final Duration tick;

  public AttemptExecutor(JobRunner runner, Duration tick) {
    this.runner = runner;
    this.tick = tick;
  }

  /** Where the stage times of the attempts it runs are recorded. */
  public StageTimes stages() {
    return runner.stages();
  }

  /**
   * Runs {@code job} on {@code session} and returns how it ended; never throws for a job's fault.
   * After a timeout or abandonment the session is already aborted.
   */
  public AttemptOutcome execute(
      JobAssignment job, BrowserSession session, AttemptReports reports, AttemptControl control, String threadName) {
    int timeoutMs = job.timeoutMs() > 0 ? job.timeoutMs() : SubmitJob.DEFAULT_TIMEOUT_MS;
    Deadline deadline = Deadline.in(Duration.ofMillis(timeoutMs));
    var gate = new GatedReports(reports);
    var result = new ResultBuilder(job.actions());
    gate.started();
    // The runner's waits end a little after the attempt's deadline, so that the attempt's timeout
    // is this executor's to decide (a TIMEOUT, the session aborted) rather than a race with a wait
    // that runs out at the same moment (a navigation "timed out", seen on a loaded machine).
    var waitsEnd = new Deadline(deadline.budget(), deadline.endNanos() + RUNNER_GRACE.toNanos());
    var task = new FutureTask<>(() -> runner.run(job, session, gate, result, waitsEnd));
    Thread thread = Thread.ofPlatform().daemon().name(threadName).start(task);
    while (true) {
      long waitNanos = Math.min(tick.toNanos(), Math.max(1, deadline.remaining().toNanos()));
      try {
        AttemptOutcome outcome = task.get(waitNanos, TimeUnit.NANOSECONDS);
        gate.close();
        return outcome;
      } catch (TimeoutException stillRunning) {
        control.tick();
        if (task.isDone()) {
          continue;
        }
        if (control.abandoned()) {
          gate.close();
          stop(session, thread);
          return new AttemptOutcome.Abandoned(result.build());
        }
        Optional<String> revoked = control.revoked();
        if (revoked.isPresent()) {
          // Stopped at once, its session thrown away: the browser may be anywhere in the job.
          gate.close();
          stop(session, thread);
          return new AttemptOutcome.Revoked(revoked.get(), result.build());
        }
        if (deadline.expired()) {
          gate.close();
          Integer during = result.currentIndex();
          stop(session, thread);
          String message = "timed out after " + timeoutMs + " ms"
              + (during == null ? " opening " + job.targetUrl()
                  : " in action " + (during + 1) + "/" + job.actions().size() + " "
                      + job.actions().get(during).actionName());
          reports.logged(LogLevel.ERROR, message, Map.of("timeoutMs", timeoutMs));
          return new AttemptOutcome.Failed(
              new Failure(FailureKind.TIMEOUT, message, true), result.timedOut(message));
        }
      } catch (ExecutionException e) {
        // The runner turns every failure into an outcome; this is a defect, classified all the same.
        gate.close();
        log.error("job {} attempt {} failed unexpectedly", job.jobId(), job.attempt(), e.getCause());
        return new AttemptOutcome.Failed(FailureClassifier.classify(e.getCause()), result.build());
      } catch (InterruptedException e) {
        // The caller is being torn down: give the job up like an abandonment.
        Thread.currentThread().interrupt();
        gate.close();
        stop(session, thread);
        return new AttemptOutcome.Abandoned(result.build());
      }
    }
  }

  private static void stop(BrowserSession session, Thread thread) {
    session.abort();
    thread.interrupt();
    try {
      if (!thread.join(STOP_GRACE)) {
        log.warn("the thread {} of a stopped job is still running after {}", thread.getName(), STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes reports on until the attempt is decided; later ones come from a stopped job and are dropped. */
  private static final class GatedReports implements AttemptReports {
    private final AttemptReports delegate;
    private volatile boolean open = true;

    GatedReports(AttemptReports delegate) {
      this.delegate = delegate;
    }

    void close() {
      synchronized (this) {
        open = false;
      }
    }

    @Override
    public synchronized void started() {
      if (open) {
        delegate.started();
      }
    }

    @Override
    public synchronized void logged(LogLevel level, String message, Map<String, Object> metadata) {
      if (open) {
        delegate.logged(level, message, metadata);
      }
    }

    @Override
    public synchronized void artifactStored(Artifact artifact) {
      if (open) {
        delegate.artifactStored(artifact);
      }
    }

    @Override
    public synchronized void progressed(
        int index, int count, String action, String target, long durationMs, boolean success, String error) {
      if (open) {
        delegate.progressed(index, count, action, target, durationMs, success, error);
      }
    }
  }
}
