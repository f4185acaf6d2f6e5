package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the reads that wait for a job's end ({@code GET /jobs/{id}?waitMs=}) when the projection
 * shows it: while anyone waits, one thread asks PostgreSQL every {@link #TICK} which of the awaited
 * jobs have ended, in one query for all of them; with nobody waiting it does nothing.
 */
public final class JobEndWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobEndWatch.class);

  /** How often the awaited jobs are looked at: what a waiting read lags the projection by at most. */
  static final Duration TICK = Duration.ofMillis(10);

  private final Function<Set<JobId>, Set<JobId>> endedAmong;
  private final ScheduledExecutorService timer;
  // Each waiting read's future and the job it waits for.
  private final Map<CompletableFuture<Void>, JobId> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean ticking = new AtomicBoolean();

  /** @param endedAmong which of these jobs the projection shows ended (completed, failed or cancelled) */
  public JobEndWatch(Function<Set<JobId>, Set<JobId>> endedAmong) {
    this.endedAmong = endedAmong;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      var thread = new Thread(task, "ingest-job-end-watch");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Completes once the projection shows {@code jobId} ended; the caller bounds its wait and then
   * calls {@link #forget}.
   */
  public CompletableFuture<Void> whenEnded(JobId jobId) {
    var ended = new CompletableFuture<Void>();
    waiting.put(ended, jobId);
    startTicking();
    return ended;
  }

  /** The caller no longer waits on {@code ended}. */
  public void forget(CompletableFuture<Void> ended) {
    waiting.remove(ended);
  }

  private void startTicking() {
    if (!waiting.isEmpty() && ticking.compareAndSet(false, true)) {
      try {
        timer.schedule(this::tick, TICK.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        ticking.set(false);
      }
    }
  }

  private void tick() {
    try {
      Set<JobId> awaited = new HashSet<>(waiting.values());
      if (!awaited.isEmpty()) {
        Set<JobId> ended = endedAmong.apply(awaited);
        waiting.forEach((future, jobId) -> {
          if (ended.contains(jobId) && waiting.remove(future) != null) {
            future.complete(null);
          }
        });
      }
    } catch (RuntimeException e) {
      // The database is away: the waiting reads answer what they can read when their wait is over.
      log.debug("could not look at the awaited jobs: {}", e.toString());
    } finally {
      ticking.set(false);
      startTicking();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
