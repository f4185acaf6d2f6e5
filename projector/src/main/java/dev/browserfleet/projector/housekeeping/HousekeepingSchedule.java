package dev.browserfleet.projector.housekeeping;

import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.projector.persistence.Housekeeping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the housekeeping on one thread of its own: every {@code worker-sweep-interval} it takes
 * workers silent for longer than {@code worker-offline-after} offline, and every {@code
 * retention-interval} it deletes the jobs created longer ago than {@code retention}, in batches.
 *
 * <p>Its own thread rather than Spring's scheduling: in the one-JVM dev launcher enabling
 * scheduling would change the other services' contexts too.
 */
@Component
public class HousekeepingSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HousekeepingSchedule.class);
  private static final String THREAD_NAME = "bf-projector-housekeeping";

  private final Housekeeping housekeeping;
  private final ProjectorProperties properties;
  private final Clock clock;
  private ScheduledExecutorService executor;
  private volatile boolean running;

  @Autowired
  public HousekeepingSchedule(Housekeeping housekeeping, ProjectorProperties properties) {
    this(housekeeping, properties, Clock.systemUTC());
  }

  public HousekeepingSchedule(
      Housekeeping housekeeping, ProjectorProperties properties, Clock clock) {
    this.housekeeping = housekeeping;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              var thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    running = true;
    every(properties.workerSweepInterval(), "Taking silent workers offline", this::sweepWorkers);
    every(properties.retentionInterval(), "Deleting jobs past retention", this::deleteOldJobs);
    log.info(
        "Housekeeping: workers silent for {} go offline (checked every {}); jobs are kept {}"
            + " (checked every {})",
        properties.workerOfflineAfter(), properties.workerSweepInterval(),
        properties.retention(), properties.retentionInterval());
  }

  /** Runs {@code task} now and then every {@code interval}; a failed run is logged and retried. */
  private void every(Duration interval, String what, Runnable task) {
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            // Thrown out of here, it would cancel every later run.
            log.warn("{} failed; trying again in {}", what, interval, e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void sweepWorkers() {
    int offline =
        housekeeping.takeSilentWorkersOffline(clock.instant().minus(properties.workerOfflineAfter()));
    if (offline > 0) {
      log.info(
          "{} worker(s) silent for more than {} marked offline", offline,
          properties.workerOfflineAfter());
    }
  }

  private void deleteOldJobs() {
    Instant createdBefore = clock.instant().minus(properties.retention());
    int batch = properties.retentionBatchSize();
    long total = 0;
    int deleted;
    do {
      deleted = housekeeping.deleteJobsCreatedBefore(createdBefore, batch);
      total += deleted;
    } while (deleted == batch && running);
    if (total > 0) {
      log.info("{} job(s) created before {} deleted, with their logs and artifacts", total,
          createdBefore);
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Housekeeping did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
