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
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Real lane workers for the messaging tests: one Chromium slot each, on the shared broker. */
final class Workers {

  private Workers() {}

  static LaneWorker chromium(String bootstrap, String name, Duration shutdownGrace) {
    var settings = new LaneWorker.Settings(name + "-" + UUID.randomUUID().toString().substring(0, 8), bootstrap, 1,
        50, Duration.ofSeconds(5), shutdownGrace, Duration.ofSeconds(30), 3, (short) 1, PriorityBands.DEFAULT);
    return new LaneWorker(settings, List.of(TestBrowsers.chromium()), TestBrowsers.runner(true), Clock.systemUTC());
  }

  /** Starts {@code worker} and waits until its slots poll and the broker has given it every lane. */
  static LaneWorker started(LaneWorker worker) throws InterruptedException {
    worker.start();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!worker.health().isUp()) {
      assertThat(System.nanoTime()).as("worker up within 60 s").isLessThan(until);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    awaitLanesAssigned(worker);
    return worker;
  }

  /**
   * Waits until the broker has assigned every Chromium lane to {@code worker}'s consumers. A worker
   * is up once its slots poll, but a new member of a share group gets its partitions only with a
   * later heartbeat; on a broker whose group has seen many members come and go that took tens of
   * seconds, during which a job queued "for the free worker" went to another one.
   */
  private static void awaitLanesAssigned(LaneWorker worker) throws InterruptedException {
    String group = WorkerKafka.shareGroupOf(Engine.CHROMIUM);
    String prefix = "bf-worker-" + worker.instance() + "-";
    Set<String> lanes = PriorityBands.DEFAULT.bands().stream()
        .map(band -> Topics.lane(new Lane(Engine.CHROMIUM, band.name())).name())
        .collect(Collectors.toSet());
    long start = System.nanoTime();
    long until = start + Duration.ofSeconds(90).toNanos();
    try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
      while (true) {
        ShareGroupDescription description;
        try {
          description = admin.describeShareGroups(List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof GroupIdNotFoundException)) {
            throw new IllegalStateException("could not describe share group " + group, e);
          }
          // The first worker on a fresh broker: its consumers have not created the group yet.
          assertThat(System.nanoTime()).as("share group " + group + " created within 90 s").isLessThan(until);
          TimeUnit.MILLISECONDS.sleep(100);
          continue;
        } catch (java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("could not describe share group " + group, e);
        }
        Set<String> assigned = description.members().stream()
            .filter(member -> member.clientId().startsWith(prefix))
            .flatMap(member -> member.assignment().topicPartitions().stream())
            .map(TopicPartition::topic)
            .collect(Collectors.toSet());
        if (assigned.containsAll(lanes)) {
          System.out.printf("worker %s had every lane assigned after %d ms%n", worker.instance(),
              (System.nanoTime() - start) / 1_000_000);
          return;
        }
        assertThat(System.nanoTime()).as(() -> "every lane assigned to " + prefix + " within 90 s; the group: "
            + description).isLessThan(until);
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  /** A job that opens the test form and waits {@code ms}, with a minute to spare. */
  static JobAssignment waiting(int ms) {
    return anAssignment().to(TestPages.url("form.html")).withTimeoutMs(ms + 60_000).doing(new Wait(ms)).build();
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
