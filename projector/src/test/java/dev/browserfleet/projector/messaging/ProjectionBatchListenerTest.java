package dev.browserfleet.projector.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import static org.awaitility.Awaitility.await;
import dev.browserfleet.projector.TestDatabases;
import dev.browserfleet.projector.projection.EventChecks;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One poll's worth of records through the listener, with the real store and the real dead-letter
 * topic, without a container: what is usable is applied, the rest is dead-lettered with a reason.
 */
class ProjectionBatchListenerTest {

  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  private static DeadLetterPublisher deadLetters;
  private static ProjectionBatchListener<ApiKey> listener;
  private static JdbcClient db;

  @BeforeAll
  static void wireTheListener() {
    TestKafka.createTopics(List.of(Topics.DEAD_LETTERS));
    var dataSource = TestDatabases.migrated("batch_listener");
    db = JdbcClient.create(dataSource);
    deadLetters =
        new DeadLetterPublisher(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()));
    listener =
        new ProjectionBatchListener<>(
            Topics.API_KEYS, EventChecks::problem, TestDatabases.store(dataSource, Clock.systemUTC())::applyApiKeys,
            deadLetters);
  }

  @AfterAll
  static void closeTheProducer() {
    deadLetters.close();
  }

  @Test
  void oneBatchWithGarbageAnIncompleteRecordAndOneTheDatabaseRefusesStillAppliesTheGoodOnes() {
    var good1 = key("good one");
    var refused = key("n".repeat(256));
    var good2 = key("good two");
    var incomplete = "{\"name\":\"no id\",\"rateLimit\":1,\"isActive\":true}";

    listener.onMessage(
        List.of(
            record(0, good1.id(), JsonCodec.encode(good1)),
            record(1, UUID.randomUUID(), "garbage".getBytes(UTF_8)),
            record(2, refused.id(), JsonCodec.encode(refused)),
            record(3, UUID.randomUUID(), incomplete.getBytes(UTF_8)),
            record(4, good2.id(), JsonCodec.encode(good2))));

    assertThat(db.sql("SELECT name FROM api_keys ORDER BY name").query(String.class).list())
        .containsExactly("good one", "good two");
    assertThat(listener.failing()).isEmpty();
    try (var probe = TopicProbe.of(Topics.DEAD_LETTERS, SharedInfrastructure.kafkaBootstrapServers())) {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
        probe.poll();
        assertThat(probe.records())
            .filteredOn(r -> "test-source".equals(header(r, DeadLetterHeaders.SOURCE_TOPIC)))
            .extracting(
                r -> header(r, DeadLetterHeaders.SOURCE_OFFSET) + " " + header(r, DeadLetterHeaders.REASON))
            // Dead letters keep their keys, so they spread over the partitions: no order overall.
            .satisfiesExactlyInAnyOrder(
                garbage -> assertThat(garbage).startsWith("1 not a valid ApiKey"),
                tooLong -> assertThat(tooLong).startsWith("2 the database refused it: ERROR: value too long"),
                noId -> assertThat(noId).isEqualTo("3 ApiKey without id, keyHash, clientId"));
      });
    }
  }

  private static ApiKey key(String name) {
    return new ApiKey(UUID.randomUUID(), UUID.randomUUID().toString().replace("-", ""), "acme",
        name, ApiKeyStatus.ACTIVE, 60, true, null, AT, AT);
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, UUID key, byte[] value) {
    return new ConsumerRecord<>("test-source", 0, offset, key.toString().getBytes(UTF_8), value);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }
}
