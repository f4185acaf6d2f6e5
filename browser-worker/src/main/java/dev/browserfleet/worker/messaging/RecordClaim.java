package dev.browserfleet.worker.messaging;

import dev.browserfleet.worker.execution.AttemptControl;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slot's hold on the lane record of the job it runs. The broker's acquisition lock would let the
 * record go to another worker after its duration (30 s by default), so while the job runs the
 * lock is renewed at half its duration. In Kafka 4.2 a RENEW hands the record back on the next
 * poll, where it must be picked up to be acknowledged again. Everything here runs on the slot's
 * thread: the consumer is not thread-safe.
 */
final class RecordClaim implements AttemptControl {

  private static final Logger log = LoggerFactory.getLogger(RecordClaim.class);

  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
  private static final int DEFAULT_LOCK_MS = 30_000;

  private final ShareConsumer<byte[], byte[]> consumer;
  private final BooleanSupplier abandon;
  private final Supplier<Optional<String>> revoked;
  private final Runnable onTick;
  private final long renewEveryNanos;
  private ConsumerRecord<byte[], byte[]> record;
  private long acquiredAt = System.nanoTime();
  private boolean lost;

  /**
   * @param abandon whether the slot wants the running job stopped and handed back
   * @param revoked why the dispatcher revoked the job's attempt, if it did
   * @param onTick what else the slot does about every tick while the job runs
   */
  RecordClaim(
      ShareConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record, BooleanSupplier abandon,
      Supplier<Optional<String>> revoked, Runnable onTick) {
    this.consumer = consumer;
    this.record = record;
    this.abandon = abandon;
    this.revoked = revoked;
    this.onTick = onTick;
    int lockMs = consumer.acquisitionLockTimeoutMs().orElse(DEFAULT_LOCK_MS);
    this.renewEveryNanos = Duration.ofMillis(lockMs).toNanos() / 2;
  }

  @Override
  public void tick() {
    if (!lost && System.nanoTime() - acquiredAt >= renewEveryNanos) {
      renew();
    }
    onTick.run();
  }

  @Override
  public boolean abandoned() {
    return abandon.getAsBoolean();
  }

  @Override
  public Optional<String> revoked() {
    return revoked.get();
  }

  /** The job is done and its outcome durably reported: nobody runs it again. */
  void accept() {
    acknowledge(AcknowledgeType.ACCEPT);
  }

  /** The job goes back to the lane for another worker (this one is stopping). */
  void release() {
    acknowledge(AcknowledgeType.RELEASE);
  }

  /** The record cannot be a job (it went to the dead-letter topic): nobody gets it again. */
  void reject() {
    acknowledge(AcknowledgeType.REJECT);
  }

  private void acknowledge(AcknowledgeType type) {
    if (lost) {
      log.warn("not acknowledging {} of {}-{}@{}: its lock was lost while the job ran, so another worker"
          + " may get it again", type, record.topic(), record.partition(), record.offset());
      return;
    }
    consumer.acknowledge(record, type);
    commit(type.toString());
  }

  private void renew() {
    try {
      consumer.acknowledge(record, AcknowledgeType.RENEW);
      commit("RENEW");
      // The renewed record comes back on the next poll and must be held again.
      long until = System.nanoTime() + COMMIT_TIMEOUT.toNanos();
      while (System.nanoTime() < until) {
        for (ConsumerRecord<byte[], byte[]> returned : consumer.poll(Duration.ofMillis(200))) {
          if (sameOffset(returned)) {
            record = returned;
            acquiredAt = System.nanoTime();
            return;
          }
          // Not expected (a renewing poll fetches nothing new); never sit on someone else's job.
          consumer.acknowledge(returned, AcknowledgeType.RELEASE);
        }
      }
      markLost("the renewed record did not come back");
    } catch (KafkaException | IllegalStateException e) {
      markLost(e.toString());
    }
  }

  private boolean sameOffset(ConsumerRecord<byte[], byte[]> other) {
    return other.topic().equals(record.topic()) && other.partition() == record.partition()
        && other.offset() == record.offset();
  }

  private void markLost(String why) {
    lost = true;
    log.warn("could not renew the lock on {}-{}@{} ({}); the job goes on, but another worker may run it too",
        record.topic(), record.partition(), record.offset(), why);
  }

  private void commit(String what) {
    Map<TopicIdPartition, Optional<KafkaException>> results = consumer.commitSync(COMMIT_TIMEOUT);
    results.forEach((partition, error) -> error.ifPresent(e -> {
      throw new IllegalStateException(what + " of " + partition + " was refused: " + e, e);
    }));
  }
}
