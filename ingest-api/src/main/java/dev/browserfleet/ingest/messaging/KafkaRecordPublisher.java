package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import dev.browserfleet.ingest.publish.RecordPublisher;
import dev.browserfleet.kafka.TopicSerde;
import java.time.Duration;
import java.util.Map;
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
 * failed is not still being retried in the background for minutes.
 */
public final class KafkaRecordPublisher implements RecordPublisher, AutoCloseable {

  private static final int LINGER_MS = 5;

  private final KafkaProducer<String, byte[]> producer;
  private final Duration timeout;

  public KafkaRecordPublisher(String bootstrapServers, Duration timeout) {
    this.timeout = timeout;
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
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
