package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.JobId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobEndWatchTest {

  private final EndedJobs jobs = new EndedJobs();

  @Test
  void aWaiterIsToldWhenItsJobEndsAndNobodyIsAskedAboutOnceNobodyWaits() {
    try (var watch = new JobEndWatch(jobs::endedAmong)) {
      JobId job = JobId.random();
      JobId other = JobId.random();
      var waiter = watch.whenEnded(job);
      var otherWaiter = watch.whenEnded(other);
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !waiter.isDone());

      jobs.end(job);
      await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
      assertThat(otherWaiter).isNotDone();

      watch.forget(otherWaiter);
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        int before = jobs.looks();
        Thread.sleep(5 * JobEndWatch.TICK.toMillis());
        return jobs.looks() == before;
      });
    }
  }

  @Test
  void aDatabaseThatFailsLeavesTheWaitersWaitingAndTheWatchLooksAgain() {
    var failing = new AtomicInteger(3);
    try (var watch = new JobEndWatch(ids -> {
      if (failing.getAndDecrement() > 0) {
        throw new IllegalStateException("the database is away");
      }
      return ids;
    })) {
      var waiter = watch.whenEnded(JobId.random());
      await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
      assertThat(failing.get()).isNegative();
    }
  }

  @Test
  void whileNotificationsAreHeardTheWatchLooksWhenNudgedNotEveryTick() {
    try (var watch = new JobEndWatch(jobs::endedAmong, Duration.ofHours(1))) {
      watch.notificationsHeard(true);
      JobId job = JobId.random();
      var waiter = watch.whenEnded(job);
      await().atMost(Duration.ofSeconds(5)).until(() -> jobs.looks() >= 1); // the look when it began to wait

      jobs.end(job);
      await().during(Duration.ofMillis(20 * JobEndWatch.TICK.toMillis())).atMost(Duration.ofSeconds(5))
          .until(() -> !waiter.isDone());
      assertThat(jobs.looks()).isEqualTo(1);

      watch.nudge();
      await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
    }
  }

  @Test
  void aWatchThatStopsHearingNotificationsLooksEveryTickAgain() {
    try (var watch = new JobEndWatch(jobs::endedAmong, Duration.ofHours(1))) {
      watch.notificationsHeard(true);
      JobId job = JobId.random();
      var waiter = watch.whenEnded(job);
      await().atMost(Duration.ofSeconds(5)).until(() -> jobs.looks() >= 1);
      jobs.end(job);

      watch.notificationsHeard(false);
      await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
    }
  }
}
