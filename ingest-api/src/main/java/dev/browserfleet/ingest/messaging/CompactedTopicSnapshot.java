package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a compacted topic from its start to its current end: the latest value of every key. */
final class CompactedTopicSnapshot {

  private CompactedTopicSnapshot() {}

  /** The latest raw value per key; deleted keys (tombstones) are absent. */
  static Map<String, byte[]> read(String bootstrapServers, Topic<?> topic, Duration timeout) {
    try (var consumer = newConsumer(bootstrapServers, "snapshot")) {
      List<TopicPartition> partitions = assignFromStart(consumer, topic, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      var latest = new HashMap<String, byte[]>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
      return latest;
    }
  }

  static KafkaConsumer<String, byte[]> newConsumer(String bootstrapServers, String purpose) {
    // No group: these readers assign every partition themselves and keep no committed offsets.
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.CLIENT_ID_CONFIG, "ingest-api-" + purpose + "-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  static List<TopicPartition> assignFromStart(
      KafkaConsumer<String, byte[]> consumer, Topic<?> topic, Duration timeout) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name(), timeout).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic.name() + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
