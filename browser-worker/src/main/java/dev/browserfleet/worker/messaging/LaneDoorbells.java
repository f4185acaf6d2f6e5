package dev.browserfleet.worker.messaging;

import dev.browserfleet.kafka.IdleConsumers;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the lanes of this worker's engines and rings the engine's {@link Doorbell} when a record
 * reaches one of them. It only looks: a plain consumer without a group, from the end of every
 * partition, reading what the share group may hand out (committed records only). Its fetch waits
 * at the broker until a record comes, so watching costs a request or two a second.
 *
 * <p>The slots do not depend on it for correctness: a slot whose doorbell never rings still looks
 * at its lanes every {@link LaneScan#IDLE_WAIT}.
 */
final class LaneDoorbells implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaneDoorbells.class);
  private static final Duration POLL = Duration.ofSeconds(5);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Doorbell> byLane;
  private final Thread thread;
  private volatile boolean closed;

  /** @param byLane the doorbell to ring for a record in each lane topic */
  LaneDoorbells(String bootstrapServers, String clientId, Map<String, Doorbell> byLane) {
    this.byLane = Map.copyOf(byLane);
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // The share group reads committed records only (see LaneWorker): ring when it can hand one out.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IdleConsumers.FETCH_MAX_WAIT_MS);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = Thread.ofPlatform().daemon().name("bf-worker-lane-doorbells").unstarted(this);
  }

  void start() {
    thread.start();
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = byLane.keySet().stream()
          .flatMap(lane -> consumer.partitionsFor(lane, Duration.ofSeconds(30)).stream())
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (!closed) {
        Set<String> reached = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          reached.add(record.topic());
        }
        reached.forEach(lane -> byLane.get(lane).ring());
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("the worker stopped watching its lanes; free slots now look for jobs once a {}", LaneScan.IDLE_WAIT, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
