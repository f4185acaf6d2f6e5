package dev.browserfleet.projector.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.kafka.TopicProvisioner;
import dev.browserfleet.projector.TestDatabases;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.testing.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * A projector killed outright (SIGKILL: its consumers never leave their group) and started again
 * must be projecting again at once, not after the dead members' session timeout (45 s), during
 * which no row moves and the health stays DOWN. bench/faults.sh found this in a killed
 * bin/browserfleet dev that was healthy again only after 59 s.
 */
class ProjectorRestartTest {

  @Test
  void aProjectorStartedAgainAfterACrashHasItsPartitionsWellWithinTheSessionTimeout() {
    var properties = properties("bf-projector-restart-test", "restart-test");
    var kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of(SharedInfrastructure.kafkaBootstrapServers()));
    var database = TestDatabases.migrated("projector_restart");
    var restarted = new ProjectorConsumers(properties, kafka, TestDatabases.store(database, Clock.systemUTC()),
        new dev.browserfleet.projector.persistence.WebhookRows(database), new SimpleMeterRegistry());
    killedMemberOf(restarted, Topics.JOB_EVENTS.name());

    long start = System.nanoTime();
    restarted.start();
    try {
      // The session timeout is 45 s; a restart that waits it out takes longer than this.
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> restarted.status().stream().allMatch(ProjectorConsumers.ConsumerStatus::joined));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    } finally {
      restarted.stop();
    }
  }

  /** A member of the group that held the topic's partitions, then died without leaving. */
  private static void killedMemberOf(ProjectorConsumers projector, String topic) {
    var client = projector.clientProperties();
    try (var admin = Admin.create(client)) {
      TopicProvisioner.ensure(admin, ProjectorConsumers.TOPICS, 3, (short) 1);
    }
    var dead = new KafkaConsumer<>(
        projector.consumerConfig(client, topic), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    dead.subscribe(List.of(topic));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      dead.poll(Duration.ofMillis(100));
      return !dead.assignment().isEmpty();
    });
    dead.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP));
  }

  private static ProjectorProperties properties(String groupId, String instanceId) {
    return new ProjectorProperties(
        groupId, 500, Duration.ofMillis(200),
        new ProjectorProperties.Retry(Duration.ofMillis(100), 2.0, Duration.ofMillis(500)),
        3, (short) 1, TestDatabases.WORKER_OFFLINE_AFTER, Duration.ofSeconds(10),
        TestDatabases.RETENTION, Duration.ofHours(1), 1000, instanceId);
  }
}
