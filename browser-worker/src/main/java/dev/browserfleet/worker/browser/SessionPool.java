package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import dev.browserfleet.worker.engine.SessionStartException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm sessions of one engine. Each is reused across jobs and reset between them; it is
 * replaced by a new one after {@code recycleAfterJobs} jobs, or at once when a job left it broken.
 * A session's successor starts in the background {@link #SUCCESSOR_LEAD} jobs before it is
 * recycled, so that no job waits for a browser to start then. Closing the pool quits every session
 * it opened.
 */
public final class SessionPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionPool.class);

  /**
   * How many jobs before its recycling a session's successor starts: a browser takes 1 to 7 s to
   * start, and a job well under a second.
   */
  static final int SUCCESSOR_LEAD = 10;

  /** A reset takes well under a second; one that takes this long is stuck. */
  static final Duration RESET_LIMIT = Duration.ofSeconds(15);

  private final DriverFactory factory;
  private final int recycleAfterJobs;
  private final Duration resetLimit;
  private final Set<BrowserSession> live = ConcurrentHashMap.newKeySet();
  private final Queue<FutureTask<BrowserSession>> prestarted = new ConcurrentLinkedQueue<>();
  /** The successors started for sessions that are about to be recycled, by session. */
  private final Map<BrowserSession, FutureTask<BrowserSession>> successors = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public SessionPool(DriverFactory factory, int recycleAfterJobs) {
    this(factory, recycleAfterJobs, RESET_LIMIT);
  }

  SessionPool(DriverFactory factory, int recycleAfterJobs, Duration resetLimit) {
    if (recycleAfterJobs < 1) {
      throw new IllegalArgumentException("recycleAfterJobs must be at least 1, not " + recycleAfterJobs);
    }
    this.factory = factory;
    this.recycleAfterJobs = recycleAfterJobs;
    this.resetLimit = resetLimit;
  }

  public Engine engine() {
    return factory.engine();
  }

  /**
   * Starts {@code count} sessions in the background, each handed out by a later {@link #open()}:
   * browsers take seconds to start, and this lets them start while the rest of the process does.
   */
  public void prestart(int count) {
    for (int i = 0; i < count; i++) {
      prestarted.add(startInBackground());
    }
  }

  private FutureTask<BrowserSession> startInBackground() {
    var start = new FutureTask<>(this::startSession);
    Thread.ofPlatform().daemon().name("bf-session-start-" + engine().wireName()).start(start);
    return start;
  }

  /** A warm session: one started by {@link #prestart} if one is left, else a new one. */
  public BrowserSession open() {
    FutureTask<BrowserSession> start = prestarted.poll();
    return start == null ? startSession() : await(start);
  }

  /** The session {@code start} started, once it has. */
  private BrowserSession await(FutureTask<BrowserSession> start) {
    try {
      return start.get();
    } catch (InterruptedException e) {
      // The session goes on starting; close() quits it with the others.
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while a " + engine().wireName() + " session started");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new SessionStartException(e.getCause().getMessage(), e.getCause());
    }
  }

  private BrowserSession startSession() {
    if (closed) {
      throw new IllegalStateException("the " + engine().wireName() + " session pool is closed");
    }
    BrowserSession session = factory.open();
    live.add(session);
    if (closed) {
      // close() ran while this one was starting; it must not outlive the pool.
      discard(session);
      throw new IllegalStateException("the " + engine().wireName() + " session pool is closed");
    }
    return session;
  }

  /**
   * Readies {@code session} for the next job: reset when it is healthy and has jobs left,
   * otherwise closed and replaced by a new one.
   *
   * @param healthy false when the last job left the session broken (a WebDriver error, a timeout)
   * @return the session for the next job
   */
  public BrowserSession afterJob(BrowserSession session, boolean healthy) {
    if (!healthy) {
      log.info("replacing a {} session that a job left broken", engine().wireName());
      return replace(session);
    }
    if (session.jobsBegun() >= recycleAfterJobs) {
      log.debug("recycling a {} session after {} jobs", engine().wireName(), session.jobsBegun());
      return replace(session);
    }
    if (session.jobsBegun() >= recycleAfterJobs - SUCCESSOR_LEAD && !closed) {
      successors.computeIfAbsent(session, s -> startInBackground());
    }
    if (resetWithin(session, resetLimit)) {
      return session;
    }
    return replace(session);
  }

  /** Quits {@code session}; its successor, started already or now, takes its place. */
  private BrowserSession replace(BrowserSession session) {
    FutureTask<BrowserSession> successor = successors.remove(session);
    discard(session);
    if (successor != null) {
      try {
        return await(successor);
      } catch (SessionInterruptedException e) {
        throw e;
      } catch (RuntimeException failed) {
        log.info("a {} session started ahead did not start ({}); starting another", engine().wireName(),
            ChromiumDriverFactory.firstLine(failed.getMessage()));
      }
    }
    return open();
  }

  /**
   * Resets {@code session} on a thread of its own, so that a browser that hangs cannot hold the
   * slot: past {@code limit} the session is aborted, which kills its processes and ends the reset.
   */
  private boolean resetWithin(BrowserSession session, Duration limit) {
    var reset = new FutureTask<Void>(session::reset, null);
    Thread.ofPlatform().daemon().name("bf-session-reset").start(reset);
    try {
      reset.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException hung) {
      log.warn("resetting a {} session took over {} s; replacing it", engine().wireName(), limit.toSeconds());
      session.abort();
      return false;
    } catch (ExecutionException e) {
      log.warn("resetting a {} session failed, replacing it: {}", engine().wireName(),
          ChromiumDriverFactory.firstLine(e.getCause().getMessage()));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.abort();
      return false;
    }
  }

  /** Quits {@code session} and forgets it. */
  public void discard(BrowserSession session) {
    live.remove(session);
    session.close();
    FutureTask<BrowserSession> successor = successors.remove(session);
    if (successor != null) {
      // Nobody will take it now (the slot is stopping): quit it once it has started.
      Thread.ofPlatform().daemon().name("bf-session-unused-" + engine().wireName()).start(() -> {
        try {
          discard(successor.get());
        } catch (ExecutionException | InterruptedException | RuntimeException notStarted) {
          log.debug("an unused {} session did not start: {}", engine().wireName(), notStarted.toString());
        }
      });
    }
  }

  /** Sessions open now. */
  public int liveSessions() {
    return live.size();
  }

  @Override
  public void close() {
    closed = true;
    successors.clear(); // started ones are live, and quit below or as they finish starting
    for (BrowserSession session : List.copyOf(live)) {
      discard(session);
    }
  }
}
