package dev.browserfleet.testing;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.kafka.TopicSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning, for assertions on what a service produced. Values that do not
 * parse are kept as {@code null} values with their raw bytes, so a test can also look at garbage.
 */
public final class TopicProbe<V> implements AutoCloseable {

  private final Topic<V> topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  private TopicProbe(Topic<V> topic, String bootstrapServers) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            TopicSerde.keys().deserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic.name()));
  }

  public static <V> TopicProbe<V> of(Topic<V> topic, String bootstrapServers) {
    return new TopicProbe<>(topic, bootstrapServers);
  }

  /** Polls until {@code count} values match {@code wanted}, or fails after {@code timeout}. */
  public List<V> await(Predicate<V> wanted, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<V> matching = values().stream().filter(wanted).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + count + " matching record(s) on " + topic.name() + " within " + timeout
                + ", found " + matching.size() + " among " + values());
      }
      poll();
    }
  }

  public V awaitOne(Predicate<V> wanted, Duration timeout) {
    return await(wanted, 1, timeout).getFirst();
  }

  /**
   * Every value read so far that parses. The reports of an {@link AttemptReportBatch} count one
   * by one, as the dispatcher decides them: a test asks what a worker reported, not how it sent it
   * (which {@link #records()} shows).
   */
  @SuppressWarnings("unchecked")
  public List<V> values() {
    var deserializer = TopicSerde.deserializer(topic.valueType());
    var values = new ArrayList<V>();
    for (var record : seen) {
      try {
        V value = deserializer.deserialize(topic.name(), record.value());
        if (value instanceof AttemptReportBatch batch) {
          batch.reports().forEach(report -> values.add((V) report));
        } else {
          values.add(value);
        }
      } catch (RuntimeException unparsable) {
        // kept in records(), left out of values()
      }
    }
    return values;
  }

  /** Every record read so far, raw. */
  public List<ConsumerRecord<String, byte[]>> records() {
    return List.copyOf(seen);
  }

  public void poll() {
    consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
  }

  @Override
  public void close() {
    consumer.close(Duration.ZERO);
  }
}
