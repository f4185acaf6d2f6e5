package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.kafka.IdleConsumers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * The attempts the dispatcher revoked, read from bf.attempt-revocations by every worker process
 * (all partitions, from the beginning, no consumer group). A slot asks before it starts an attempt
 * and, while it runs one, about every tick. The worker takes no job before it has read the topic
 * to its end, so that a job cancelled while no worker was up never starts.
 */
final class Revocations implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Revocations.class);
  // A fetch answers as soon as a revocation comes; these only set how often an idle reader asks.
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, AttemptRevoked> revoked = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  Revocations(String bootstrapServers, String clientId) {
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IdleConsumers.FETCH_MAX_WAIT_MS);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = Thread.ofPlatform().daemon().name("bf-worker-revocations").unstarted(this);
  }

  void start() {
    thread.start();
  }

  /** Waits until every revocation written before the worker started has been read. */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why no worker may start attempt {@code attempt} of {@code job}, if it was revoked for all. */
  Optional<AttemptRevoked> forEveryone(JobId job, int attempt) {
    return Optional.ofNullable(revoked.get(new AttemptRevoked(job, attempt, null, null, null).key()));
  }

  /**
   * Why {@code worker} must stop running attempt {@code attempt} of {@code job}, if it must: it was
   * revoked for every worker, or for this one (which lost its hold on it to another).
   */
  Optional<AttemptRevoked> forRunning(JobId job, int attempt, WorkerId worker) {
    return forEveryone(job, attempt)
        .or(() -> Optional.ofNullable(revoked.get(new AttemptRevoked(job, attempt, worker, null, null).key())));
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATTEMPT_REVOCATIONS.name(), Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
      checkCaughtUp(end);
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          remember(record);
        }
        if (System.nanoTime() - nextPrune >= 0) {
          forgetOlderThan(Instant.now().minus(Topics.REVOCATIONS_KEPT));
          nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
        }
        checkCaughtUp(end);
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("the worker stopped reading attempt revocations; cancelled jobs may run on", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void checkCaughtUp(Map<TopicPartition, Long> end) {
    if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
      log.info("read {} attempt revocation(s); taking jobs", revoked.size());
      caughtUp.countDown();
    }
  }

  /**
   * Forgets revocations written before {@code horizon}, as the topic deletes them: the lane records
   * they could stop are gone by then.
   */
  void forgetOlderThan(Instant horizon) {
    revoked.values().removeIf(r -> r.occurredAt() != null && r.occurredAt().isBefore(horizon));
  }

  /** How many revocations the worker holds. */
  int size() {
    return revoked.size();
  }

  private void remember(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      revoked.remove(record.key());
      return;
    }
    try {
      AttemptRevoked revocation = JsonCodec.decode(record.value(), AttemptRevoked.class);
      if (revocation.jobId() != null) {
        revoked.put(revocation.key(), revocation);
      }
    } catch (MalformedMessageException e) {
      log.warn("ignoring an unreadable attempt revocation at offset {}: {}", record.offset(), e.getMessage());
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
