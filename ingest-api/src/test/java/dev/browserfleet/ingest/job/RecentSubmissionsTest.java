package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentSubmissionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

  @Test
  void aRememberedJobIsFoundUntilItsTimeIsUp() {
    var recent = new RecentSubmissions(10, Duration.ofMinutes(10), clock);
    SubmitJob job = aJob();
    recent.remember(job);

    clock.advance(Duration.ofMinutes(9));
    assertThat(recent.find(job.jobId())).contains(job);

    clock.advance(Duration.ofMinutes(1));
    assertThat(recent.find(job.jobId())).isEmpty();
    assertThat(recent.size()).isZero();
  }

  @Test
  void theOldestJobsGoFirstWhenTheBoundIsReached() {
    var recent = new RecentSubmissions(2, Duration.ofMinutes(10), clock);
    SubmitJob first = aJob();
    SubmitJob second = aJob();
    SubmitJob third = aJob();

    recent.remember(first);
    recent.remember(second);
    recent.remember(third);

    assertThat(recent.find(first.jobId())).isEmpty();
    assertThat(recent.find(second.jobId())).contains(second);
    assertThat(recent.find(third.jobId())).contains(third);
    assertThat(recent.size()).isEqualTo(2);
  }

  @Test
  void anUnknownJobIsNotFound() {
    var recent = new RecentSubmissions(2, Duration.ofMinutes(10), clock);

    assertThat(recent.find(JobId.random())).isEmpty();
  }

  @Test
  void nonsensicalBoundsAreRefused() {
    assertThatThrownBy(() -> new RecentSubmissions(0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecentSubmissions(1, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private SubmitJob aJob() {
    return new SubmitJob(
        JobId.random(), "acme", 1, "http://93.184.215.14/", List.of(new Screenshot(null, null, null, null)),
        null, null, null, null, clock.instant());
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
