package dev.browserfleet.worker.messaging;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Real lane workers for the messaging tests: one Chromium slot each, on the shared broker. */
final class Workers {

  private Workers() {}

  static LaneWorker chromium(String bootstrap, String name, Duration shutdownGrace) {
    var settings = new LaneWorker.Settings(name + "-" + UUID.randomUUID().toString().substring(0, 8), bootstrap, 1,
        50, Duration.ofSeconds(5), shutdownGrace, Duration.ofSeconds(30), 3, (short) 1, PriorityBands.DEFAULT);
    return new LaneWorker(settings, List.of(TestBrowsers.chromium()), TestBrowsers.runner(true), Clock.systemUTC());
  }

  static LaneWorker started(LaneWorker worker) throws InterruptedException {
    worker.start();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!worker.health().isUp()) {
      assertThat(System.nanoTime()).as("worker up within 60 s").isLessThan(until);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return worker;
  }

  /** A job that opens the test form and waits {@code ms}. */
  static JobAssignment waiting(int ms) {
    return anAssignment().to(TestPages.url("form.html")).withTimeoutMs(60_000).doing(new Wait(ms)).build();
  }

  /** Revokes {@code job}'s attempt for every worker, as the dispatcher would. */
  static void revoke(JobAssignment job, String reason) {
    var revocation = new AttemptRevoked(job.jobId(), job.attempt(), null, reason, Instant.now());
    TestKafka.send(Topics.ATTEMPT_REVOCATIONS, revocation.key(), revocation);
  }

  /** Queues {@code job} on the Chromium lane of {@code band}, as the dispatcher would. */
  static void queue(String band, JobAssignment job) {
    TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, band)), job.jobId().toString(), job);
  }
}
