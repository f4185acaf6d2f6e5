package dev.browserfleet.kafka;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a compacted topic of reference data keyed by UUID (API keys, URL policies) into memory:
 * from the beginning of the topic, then every change as it comes, on one thread. Every instance
 * reads every record, so it assigns the partitions itself instead of joining a consumer group.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final String clientIdPrefix;
  private final String bootstrapServers;
  private final Topic<V> topic;
  private final Consumer<V> put;
  private final Consumer<UUID> remove;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean caughtUp;
  private volatile String failure;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param clientIdPrefix names the service in the consumer's client id, such as "ingest-api-"
   * @param put takes each value read (the directory keeps the newest state per id)
   * @param remove takes the id of each tombstone
   */
  public CompactedTopicReader(
      String clientIdPrefix, String bootstrapServers, Topic<V> topic, Consumer<V> put, Consumer<UUID> remove) {
    this.clientIdPrefix = clientIdPrefix;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.put = put;
    this.remove = remove;
  }

  public Topic<V> topic() {
    return topic;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    consumer = newConsumer(bootstrapServers, clientIdPrefix + topic.name());
    thread = new Thread(this::run, clientIdPrefix + "reader-" + topic.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether every record that was on the topic when reading began has been applied. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Why reading stopped, if it stopped on an error. */
  public String failure() {
    return failure;
  }

  private void run() {
    try {
      while (running) {
        try {
          readFromStart();
        } catch (WakeupException e) {
          // close() asked us to stop; the loop sees running == false.
        } catch (RuntimeException e) {
          failure = e.toString();
          log.error("Reader of {} failed; reading it again from the start in {}", topic, RETRY_PAUSE, e);
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  // Re-reading from the start after a failure is safe: the directory keeps the newest state of each id.
  private void readFromStart() {
    List<TopicPartition> partitions =
        assignFromStart(consumer, topic, SETUP_TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, SETUP_TIMEOUT);
    long applied = 0;
    while (running) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        apply(record);
        applied++;
      }
      if (!caughtUp && reached(consumer, end)) {
        caughtUp = true;
        failure = null;
        log.info("Caught up with {}: {} record(s)", topic, applied);
      }
    }
  }

  private void pause() {
    try {
      stopped.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      parseId(record).ifPresent(remove);
      return;
    }
    try {
      put.accept(JsonCodec.decode(record.value(), topic.valueType()));
    } catch (MalformedMessageException e) {
      log.warn("Skipped unreadable record at {}-{}@{}: {}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private static Optional<UUID> parseId(ConsumerRecord<String, byte[]> record) {
    try {
      return Optional.of(UUID.fromString(record.key()));
    } catch (IllegalArgumentException | NullPointerException e) {
      log.warn("Skipped a tombstone whose key is no id at {}-{}@{}",
          record.topic(), record.partition(), record.offset());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    Thread reader;
    synchronized (this) {
      reader = thread;
      thread = null;
      running = false;
    }
    stopped.countDown();
    if (reader == null) {
      return;
    }
    consumer.wakeup();
    try {
      reader.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A consumer without a group: it assigns every partition itself and keeps no committed offsets. */
  public static KafkaConsumer<String, byte[]> newConsumer(String bootstrapServers, String clientId) {
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IdleConsumers.FETCH_MAX_WAIT_MS),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Assigns every partition of {@code topic} and seeks to its beginning. */
  public static List<TopicPartition> assignFromStart(
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

  /** Whether the consumer has read up to {@code end} on every partition. */
  public static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
