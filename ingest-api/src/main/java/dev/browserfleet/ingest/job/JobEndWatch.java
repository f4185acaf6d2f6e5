package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the reads that wait for a job's end ({@code GET /jobs/{id}?waitMs=}) when the projection
 * shows it. One thread asks PostgreSQL which of the awaited jobs have ended, in one query for all
 * of them: when a read starts waiting, when told that jobs have just ended ({@link #nudge()}, fed
 * by the projector's notifications), and otherwise every {@link #TICK}, or only every {@link
 * #SAFETY_TICK} while those notifications are heard ({@link #notificationsHeard}), in case one was
 * missed. With nobody waiting it does nothing.
 */
public final class JobEndWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobEndWatch.class);

  /** How often the awaited jobs are looked at without notifications: what a waiting read lags by at most. */
  static final Duration TICK = Duration.ofMillis(10);

  /** How often they are looked at while notifications are heard, in case one was missed. */
  static final Duration SAFETY_TICK = Duration.ofSeconds(1);

  private final Function<Set<JobId>, Set<JobId>> endedAmong;
  private final Duration safetyTick;
  // Each waiting read's future and the job it waits for.
  private final Map<CompletableFuture<Void>, JobId> waiting = new ConcurrentHashMap<>();
  // A permit: look now (a new waiter, a nudge, or close).
  private final Semaphore lookNow = new Semaphore(0);
  private final Thread looker;
  private volatile boolean notificationsHeard;
  private volatile boolean open = true;

  /** @param endedAmong which of these jobs the projection shows ended (completed, failed or cancelled) */
  public JobEndWatch(Function<Set<JobId>, Set<JobId>> endedAmong) {
    this(endedAmong, SAFETY_TICK);
  }

  /** As {@link #JobEndWatch(Function)}, looking every {@code safetyTick} while notifications are heard. */
  public JobEndWatch(Function<Set<JobId>, Set<JobId>> endedAmong, Duration safetyTick) {
    this.endedAmong = endedAmong;
    this.safetyTick = safetyTick;
    this.looker = Thread.ofPlatform().name("ingest-job-end-watch").daemon().start(this::lookWhileOpen);
  }

  /**
   * Completes once the projection shows {@code jobId} ended; the caller bounds its wait and then
   * calls {@link #forget}. The watch looks at once, so a job that ended just before is not missed.
   */
  public CompletableFuture<Void> whenEnded(JobId jobId) {
    var ended = new CompletableFuture<Void>();
    waiting.put(ended, jobId);
    lookNow.release();
    return ended;
  }

  /** The caller no longer waits on {@code ended}. */
  public void forget(CompletableFuture<Void> ended) {
    waiting.remove(ended);
  }

  /** Jobs have just ended in the projection: look now, if anyone waits. */
  public void nudge() {
    if (!waiting.isEmpty()) {
      lookNow.release();
    }
  }

  /** Whether the projector's notifications are heard: if not, the watch looks every {@link #TICK}. */
  public void notificationsHeard(boolean heard) {
    notificationsHeard = heard;
    if (!heard) {
      nudge(); // some may have been missed
    }
  }

  /** Whether the projector's notifications are heard now. */
  public boolean notificationsHeard() {
    return notificationsHeard;
  }

  private void lookWhileOpen() {
    try {
      while (open) {
        if (waiting.isEmpty()) {
          lookNow.acquire();
        } else {
          lookNow.tryAcquire((notificationsHeard ? safetyTick : TICK).toNanos(), TimeUnit.NANOSECONDS);
        }
        lookNow.drainPermits();
        look();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void look() {
    Set<JobId> awaited = new HashSet<>(waiting.values());
    if (awaited.isEmpty()) {
      return;
    }
    try {
      Set<JobId> ended = endedAmong.apply(awaited);
      waiting.forEach((future, jobId) -> {
        if (ended.contains(jobId) && waiting.remove(future) != null) {
          future.complete(null);
        }
      });
    } catch (RuntimeException e) {
      // The database is away: the waiting reads answer what they can read when their wait is over.
      log.debug("could not look at the awaited jobs: {}", e.toString());
    }
  }

  @Override
  public void close() {
    open = false;
    lookNow.release();
    looker.interrupt();
  }
}
