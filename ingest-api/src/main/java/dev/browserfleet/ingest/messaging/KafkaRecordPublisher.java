package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import dev.browserfleet.ingest.publish.RecordPublisher;
import dev.browserfleet.kafka.TopicSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes with one idempotent producer ({@code acks=all}), waiting for each acknowledgement.
 * The producer's own delivery timeout is the publish timeout, so a record the caller was told
 * failed is not still being retried in the background for minutes. Batches go through a second,
 * transactional producer, made on first use, so that a batch becomes visible whole or not at all.
 */
public final class KafkaRecordPublisher implements RecordPublisher, AutoCloseable {

  private static final int LINGER_MS = 5;

  private final KafkaProducer<String, byte[]> producer;
  private final Duration timeout;
  private final String bootstrapServers;
  // One transaction at a time: a producer runs no two at once. Guarded by this.
  private KafkaProducer<String, byte[]> transactional;

  public KafkaRecordPublisher(String bootstrapServers, Duration timeout) {
    this.timeout = timeout;
    this.bootstrapServers = bootstrapServers;
    int timeoutMs = Math.toIntExact(timeout.toMillis());
    this.producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "ingest-api",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs - LINGER_MS,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @Override
  public <V> void publish(Topic<V> topic, String key, V value) {
    byte[] bytes = TopicSerde.<V>serializer().serialize(topic.name(), value);
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key, bytes))
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublicationFailedException("interrupted while publishing to " + topic.name(), e);
    } catch (ExecutionException e) {
      throw new PublicationFailedException(
          "the broker did not take the record for " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw new PublicationFailedException(
          "could not publish to " + topic.name() + " within " + timeout + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized <V> void publishAll(Topic<V> topic, List<Keyed<V>> records) {
    var serializer = TopicSerde.<V>serializer();
    KafkaProducer<String, byte[]> batch = null;
    try {
      batch = transactionalProducer();
      batch.beginTransaction();
      for (Keyed<V> record : records) {
        batch.send(new ProducerRecord<>(topic.name(), record.key(), serializer.serialize(topic.name(), record.value())));
      }
      // Flushes every send and fails if any of them failed; nothing is visible before this returns.
      batch.commitTransaction();
    } catch (KafkaException e) {
      abandon(batch);
      throw new PublicationFailedException(
          "the broker did not take the batch of " + records.size() + " for " + topic.name() + ": " + e.getMessage(), e);
    }
  }

  private KafkaProducer<String, byte[]> transactionalProducer() {
    if (transactional == null) {
      int timeoutMs = Math.toIntExact(timeout.toMillis());
      var created =
          new KafkaProducer<>(
              Map.<String, Object>of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  ProducerConfig.CLIENT_ID_CONFIG, "ingest-api-batches",
                  // Unique per producer: this replica's batches never fence another replica's.
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-api-batches-" + UUID.randomUUID(),
                  ProducerConfig.ACKS_CONFIG, "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                  ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                  ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                  ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs - LINGER_MS,
                  ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                  ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 2 * timeoutMs),
              new StringSerializer(),
              new ByteArraySerializer());
      try {
        created.initTransactions();
      } catch (KafkaException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      transactional = created;
    }
    return transactional;
  }

  /**
   * Aborts the open transaction, so that none of its records is ever read committed. A producer
   * that cannot abort (fenced, or in a fatal state) is closed, and the next batch makes a new one;
   * the broker aborts the transaction it left open once its transaction timeout has passed, so its
   * records are never read committed either. Until then read-committed consumers of the partitions
   * it wrote to wait, which is why that timeout is short.
   */
  private void abandon(KafkaProducer<String, byte[]> batch) {
    if (batch == null) {
      return;
    }
    try {
      batch.abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      batch.close(Duration.ZERO);
      transactional = null;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    synchronized (this) {
      if (transactional != null) {
        transactional.close(Duration.ofSeconds(5));
        transactional = null;
      }
    }
  }
}
