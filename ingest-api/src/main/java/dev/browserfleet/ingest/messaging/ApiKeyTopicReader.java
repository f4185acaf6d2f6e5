package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.ingest.access.ApiKeyDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link ApiKeyDirectory} from {@code bf.api-keys}: from the beginning of the compacted
 * topic, then every change as it comes, on one thread. Every instance reads every key, so it
 * assigns the partitions itself instead of joining a consumer group.
 */
public final class ApiKeyTopicReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyTopicReader.class);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final String bootstrapServers;
  private final ApiKeyDirectory directory;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean caughtUp;
  private volatile String failure;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ApiKeyTopicReader(String bootstrapServers, ApiKeyDirectory directory) {
    this.bootstrapServers = bootstrapServers;
    this.directory = directory;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    consumer = CompactedTopicSnapshot.newConsumer(bootstrapServers, "api-keys");
    thread = new Thread(this::run, "ingest-api-key-reader");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether every key that was on the topic when reading began is in the directory. */
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
          log.error("API key reader failed; reading {} again from the start in {}", Topics.API_KEYS, RETRY_PAUSE, e);
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  // Re-reading from the start after a failure is safe: the directory keeps the newest state of each key.
  private void readFromStart() {
    List<TopicPartition> partitions =
        CompactedTopicSnapshot.assignFromStart(consumer, Topics.API_KEYS, SETUP_TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, SETUP_TIMEOUT);
    while (running) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        apply(record);
      }
      if (!caughtUp && CompactedTopicSnapshot.reached(consumer, end)) {
        caughtUp = true;
        failure = null;
        log.info("API key directory caught up with {}: {} key(s)", Topics.API_KEYS, directory.size());
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
      parseId(record).ifPresent(directory::remove);
      return;
    }
    try {
      directory.put(JsonCodec.decode(record.value(), ApiKey.class));
    } catch (MalformedMessageException e) {
      log.warn("Skipped unreadable API key record at {}-{}@{}: {}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private static Optional<UUID> parseId(ConsumerRecord<String, byte[]> record) {
    try {
      return Optional.of(UUID.fromString(record.key()));
    } catch (IllegalArgumentException | NullPointerException e) {
      log.warn("Skipped API key tombstone with a key that is no id at {}-{}@{}",
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
}
