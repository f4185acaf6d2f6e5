package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a compacted topic from its start to its current end: the latest value of every key. */
final class CompactedTopicSnapshot {

  private CompactedTopicSnapshot() {}

  /** The latest raw value per key; deleted keys (tombstones) are absent. */
  static Map<String, byte[]> read(String bootstrapServers, Topic<?> topic, Duration timeout) {
    try (var consumer = CompactedTopicReader.newConsumer(bootstrapServers, "ingest-api-snapshot")) {
      List<TopicPartition> partitions = CompactedTopicReader.assignFromStart(consumer, topic, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      var latest = new HashMap<String, byte[]>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!CompactedTopicReader.reached(consumer, end)) {
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
}
