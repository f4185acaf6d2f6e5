package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/** The pool's decisions, with sessions that only record what was asked of them (no browser is involved). */
class SessionPoolTest {

  @Test
  void aHealthySessionIsResetAndReused() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, 10, Duration.ofSeconds(1));
    var session = pool.open();

    assertThat(pool.afterJob(session, true)).isSameAs(session);
    assertThat(recorded(session).resets).isEqualTo(1);
  }

  @Test
  void aBrokenOrWornOutSessionIsClosedAndReplaced() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, 1, Duration.ofSeconds(1));
    var broken = pool.open();
    var replacement = pool.afterJob(broken, false);
    recorded(replacement).jobsBegun = 1;

    var next = pool.afterJob(replacement, true);

    assertThat(recorded(broken).closed).isTrue();
    assertThat(recorded(replacement).closed).as("recycled after its one job").isTrue();
    assertThat(pool.liveSessions()).isEqualTo(1);
    assertThat(factory.opened).containsExactly(broken, replacement, next);
  }

  @Test
  void aSessionsSuccessorStartsAheadOfItsRecyclingAndTakesItsPlace() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, SessionPool.SUCCESSOR_LEAD + 2, Duration.ofSeconds(1));
    var session = pool.open();
    assertThat(afterJob(pool, session, 1)).isSameAs(session);
    assertThat(factory.opened).as("no successor yet").hasSize(1);

    assertThat(afterJob(pool, session, 2)).as("still in use while its successor starts").isSameAs(session);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.opened.size() == 2);
    var successor = factory.opened.get(1);
    assertThat(afterJob(pool, session, SessionPool.SUCCESSOR_LEAD + 1)).isSameAs(session);

    assertThat(afterJob(pool, session, SessionPool.SUCCESSOR_LEAD + 2)).isSameAs(successor);
    assertThat(recorded(session).closed).isTrue();
    assertThat(factory.opened).as("one successor, started once").hasSize(2);
    assertThat(pool.liveSessions()).isEqualTo(1);
  }

  @Test
  void aSuccessorThatNobodyTakesIsQuitWithTheSessionItWasFor() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, SessionPool.SUCCESSOR_LEAD + 1, Duration.ofSeconds(1));
    var session = pool.open();
    afterJob(pool, session, 1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.opened.size() == 2);

    pool.discard(session); // a slot that stops

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> factory.opened.stream().allMatch(s -> recorded(s).closed));
    assertThat(pool.liveSessions()).isZero();
  }

  @Test
  void aResetThatHangsIsAbortedAndTheSessionReplaced() {
    var factory = new Sessions(Duration.ofHours(1));
    var pool = new SessionPool(factory, 10, Duration.ofMillis(200));
    var stuck = pool.open();

    var next = pool.afterJob(stuck, true);

    assertThat(next).isNotSameAs(stuck);
    assertThat(recorded(stuck).aborted).isTrue();
    assertThat(pool.liveSessions()).isEqualTo(1);
  }

  @Test
  void prestartedSessionsStartAtOnceAndAreHandedOutFirst() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, 10, Duration.ofSeconds(1));

    pool.prestart(2);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.opened.size() == 2);
    var first = pool.open();
    var second = pool.open();
    var third = pool.open();

    assertThat(List.of(first, second)).containsExactlyInAnyOrderElementsOf(factory.opened.subList(0, 2));
    assertThat(third).isSameAs(factory.opened.get(2));
    assertThat(pool.liveSessions()).isEqualTo(3);
  }

  @Test
  void closingThePoolQuitsPrestartedSessionsThatNobodyTookEvenOnesStillStarting() {
    var factory = new Sessions(Duration.ZERO);
    var pool = new SessionPool(factory, 10, Duration.ofSeconds(1));
    pool.prestart(1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.opened.size() == 1);
    factory.gate = new CountDownLatch(1);
    pool.prestart(1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.waiting == 1);

    pool.close();
    factory.gate.countDown();

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> factory.opened.size() == 2 && factory.opened.stream().allMatch(s -> recorded(s).closed));
    assertThat(pool.liveSessions()).isZero();
  }

  private static final class Sessions implements DriverFactory {
    final Duration resetTakes;
    final List<BrowserSession> opened = new CopyOnWriteArrayList<>();
    /** When set, a session starts only once it is opened: a browser that takes its time. */
    volatile CountDownLatch gate;
    volatile int waiting;

    Sessions(Duration resetTakes) {
      this.resetTakes = resetTakes;
    }

    @Override
    public Engine engine() {
      return Engine.CHROMIUM;
    }

    @Override
    public Optional<String> unavailableReason() {
      return Optional.empty();
    }

    @Override
    public String description() {
      return "recorded sessions";
    }

    @Override
    public BrowserSession open() {
      BrowserSession session = DriverFactory.super.open();
      opened.add(session);
      return session;
    }

    @Override
    public DriverSession start() {
      CountDownLatch startsWhen = gate;
      if (startsWhen != null) {
        waiting++;
        try {
          startsWhen.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Recorded(resetTakes);
    }
  }

  /** The pool's decision after the session's {@code jobsBegun}th job. */
  private static BrowserSession afterJob(SessionPool pool, BrowserSession session, int jobsBegun) {
    recorded(session).jobsBegun = jobsBegun;
    return pool.afterJob(session, true);
  }

  private static Recorded recorded(BrowserSession session) {
    return (Recorded) ((WebDriverPage) session).driverSession();
  }

  private static final class Recorded implements DriverSession {
    final Duration resetTakes;
    final CountDownLatch abortSignal = new CountDownLatch(1);
    volatile int resets;
    volatile int jobsBegun;
    volatile boolean closed;
    volatile boolean aborted;

    Recorded(Duration resetTakes) {
      this.resetTakes = resetTakes;
    }

    @Override
    public void reset() {
      try {
        // A hung browser: the reset ends when the session is aborted, as a killed browser ends it.
        abortSignal.await(resetTakes.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resets++;
    }

    @Override
    public void abort() {
      aborted = true;
      closed = true;
      abortSignal.countDown();
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public int jobsBegun() {
      return jobsBegun;
    }

    @Override
    public Engine engine() {
      return Engine.CHROMIUM;
    }

    @Override
    public WebDriver driver() {
      throw new UnsupportedOperationException();
    }

    @Override
    public DialogAnswers dialogs() {
      return new DialogAnswers();
    }

    @Override
    public void beginJob(DeviceProfile profile, NavigationGuard guard) {}

    @Override
    public void prepareStorage(String targetUrl, BrowserStorage storage) {}

    @Override
    public Optional<String> takeBlockedNavigation() {
      return Optional.empty();
    }

    @Override
    public void awaitPage(WaitUntil waitUntil, Duration timeout) {}

    @Override
    public void awaitNetworkIdle(Duration timeout) {}

    @Override
    public void open(String url, WaitUntil waitUntil, Duration timeout) {}

    @Override
    public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
      return new byte[0];
    }

    @Override
    public boolean isAlive() {
      return !closed;
    }
  }
}
