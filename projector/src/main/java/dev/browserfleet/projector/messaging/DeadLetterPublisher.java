package dev.browserfleet.projector.messaging;

import dev.browserfleet.kafka.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the projector cannot use to {@code bf.dead-letters}, byte for byte, with the
 * reason in the headers. A send is confirmed before the batch's offsets are committed, so a
 * record is never both skipped and missing from the dead letters.
 */
final class DeadLetterPublisher implements AutoCloseable {

  static final String REJECTED_BY = "projector";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetterPublisher(Map<String, Object> clientProperties) {
    var props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "bf-projector-dead-letters");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A record and why it cannot be used. */
  record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {}

  /** Sends every dead letter and waits until the broker has them all. */
  void publish(List<DeadLetter> deadLetters) {
    if (deadLetters.isEmpty()) {
      return;
    }
    var sends = new ArrayList<Future<RecordMetadata>>();
    for (DeadLetter d : deadLetters) {
      var r = d.record();
      log.warn(
          "Dead-lettering {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), d.reason());
      sends.add(
          producer.send(
              DeadLetters.of(
                  r.topic(), r.partition(), r.offset(), r.key(), r.value(), d.reason(),
                  REJECTED_BY)));
    }
    for (var send : sends) {
      try {
        send.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while sending dead letters", e);
      } catch (ExecutionException | TimeoutException e) {
        // Thrown to the container, which retries the batch: its writes are idempotent.
        throw new KafkaException("could not send a dead letter: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
