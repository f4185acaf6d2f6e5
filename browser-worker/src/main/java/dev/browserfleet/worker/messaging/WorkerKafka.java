package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's Kafka clients: one idempotent producer for every report, heartbeat and dead letter
 * (keys and values as bytes, values JSON through {@link JsonCodec}), a share consumer per slot
 * and lane, and the timer thread that sends the reports held by {@link KafkaAttemptReports}.
 */
final class WorkerKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerKafka.class);

  static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String clientIdPrefix;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledThreadPoolExecutor timer;

  WorkerKafka(String bootstrapServers, String clientIdPrefix) {
    this.bootstrapServers = bootstrapServers;
    this.clientIdPrefix = clientIdPrefix;
    var config = new HashMap<String, Object>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-producer");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // A report is one small record at a time; batching would only add latency.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.timer = new ScheduledThreadPoolExecutor(1, task -> {
      var thread = new Thread(task, clientIdPrefix + "-reports");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** A consumer of the share group {@code bf-workers-<engine>} that takes one record per poll. */
  ShareConsumer<byte[], byte[]> newShareConsumer(Engine engine, int slot, String lane) {
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, shareGroupOf(engine));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + engine.wireName() + "-" + slot + "-" + lane);
    config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    // One job per poll: a slot must not hold records it cannot run yet (see MACHINE-NOTES).
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    // How long the broker holds a share fetch that finds no record; it answers as soon as one
    // comes. The consumer keeps fetching in the background whether or not its slot polls, so this
    // sets how often each of the twelve consumers of an idle dev worker asks: at 200 ms that was
    // 30 share fetches a second and 13.2% of a core for the idle dev system, at 1 s 9.1%, with the
    // same pickups (p50 53 ms, 30 jobs each; bench/idle.sh). Pickups of seconds, once put down to
    // a long wait here, are jobs a busy slot's consumer acquired (see README, Idle cost).
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000);
    return new KafkaShareConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static String shareGroupOf(Engine engine) {
    return "bf-workers-" + engine.wireName();
  }

  /** Sends without waiting; a failure is logged (the outcome report, sent durably, will fail too). */
  <V> void send(Topic<V> topic, String key, V value) {
    producer.send(record(topic, key, value), (metadata, error) -> {
      if (error != null) {
        log.warn("could not produce to {} (key {}): {}", topic.name(), key, error.toString());
      }
    });
  }

  /** Sends and waits until the broker has the record (acks=all). */
  <V> void sendDurably(Topic<V> topic, String key, V value) {
    await(sendForAck(topic, key, value), topic.name());
  }

  /** Sends; the future completes when the broker has the record (acks=all): wait with {@link #await}. */
  <V> Future<RecordMetadata> sendForAck(Topic<V> topic, String key, V value) {
    return producer.send(record(topic, key, value));
  }

  /** Runs {@code task} on the reports' timer thread after {@code delay}. */
  ScheduledFuture<?> later(Runnable task, Duration delay) {
    return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  void sendDurably(ProducerRecord<byte[], byte[]> record) {
    await(producer.send(record), record.topic());
  }

  private static <V> ProducerRecord<byte[], byte[]> record(Topic<V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), JsonCodec.encode(value));
  }

  static void await(Future<?> sent, String topic) {
    try {
      sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportNotDeliveredException("interrupted while producing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ReportNotDeliveredException("could not produce to " + topic + ": " + cause, cause);
    }
  }

  /** Sends what reports are still held (they go out within their hold), then closes the producer. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }

  Map<String, Object> adminConfig() {
    return Map.of("bootstrap.servers", bootstrapServers, "client.id", clientIdPrefix + "-admin");
  }

  /** A record could not be produced; the job it concerns must not be acknowledged. */
  static final class ReportNotDeliveredException extends RuntimeException {
    ReportNotDeliveredException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
