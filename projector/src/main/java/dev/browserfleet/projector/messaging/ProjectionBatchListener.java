package dev.browserfleet.projector.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.projector.messaging.DeadLetterPublisher.DeadLetter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Projects one poll of one topic: decodes every record, applies the usable ones in one database
 * transaction, sends the rest to the dead letters, and returns; the container commits the
 * offsets within a second. Anything thrown (the database is unreachable, a referenced row is not
 * projected yet, a dead letter could not be sent) makes the container retry the whole batch with
 * backoff; every write is idempotent, so a retry changes nothing twice.
 */
final class ProjectionBatchListener<V> implements BatchMessageListener<byte[], byte[]> {

  private static final Logger log = LoggerFactory.getLogger(ProjectionBatchListener.class);

  private final String topicName;
  private final Function<ConsumerRecord<byte[], byte[]>, V> decode;
  private final Function<V, Optional<String>> check;
  private final Consumer<List<V>> applyInOneTransaction;
  private final DeadLetterPublisher deadLetters;
  private volatile LongConsumer projectedAfterMillis = millis -> {};
  // Why the last attempt at a batch failed, until one succeeds; for the health details.
  private volatile String failing;

  ProjectionBatchListener(
      Topic<V> topic,
      Function<V, Optional<String>> check,
      Consumer<List<V>> applyInOneTransaction,
      DeadLetterPublisher deadLetters) {
    this(topic.name(), r -> JsonCodec.decode(r.value(), topic.valueType()), check, applyInOneTransaction, deadLetters);
  }

  /**
   * @param decode reads one record, throwing {@link MalformedMessageException} when it cannot;
   *     for topics whose records need their key too (tombstones of compacted topics)
   */
  ProjectionBatchListener(
      String topicName,
      Function<ConsumerRecord<byte[], byte[]>, V> decode,
      Function<V, Optional<String>> check,
      Consumer<List<V>> applyInOneTransaction,
      DeadLetterPublisher deadLetters) {
    this.topicName = topicName;
    this.decode = decode;
    this.check = check;
    this.applyInOneTransaction = applyInOneTransaction;
    this.deadLetters = deadLetters;
  }

  private record Usable<V>(ConsumerRecord<byte[], byte[]> record, V value) {}

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
    try {
      project(records);
      failing = null;
    } catch (RuntimeException e) {
      failing = e.getMessage();
      log.warn(
          "Projecting {} record(s) of {} failed; retrying with backoff: {}",
          records.size(), topicName, e.getMessage());
      throw e;
    }
  }

  /**
   * Told, for each record once its batch is in the database, how many milliseconds passed since
   * the record was produced: the {@code projected} stage of a job event.
   */
  ProjectionBatchListener<V> onProjected(LongConsumer millisSinceProduced) {
    this.projectedAfterMillis = millisSinceProduced;
    return this;
  }

  /** Why the last attempt failed while the container retries it, or empty. */
  Optional<String> failing() {
    return Optional.ofNullable(failing);
  }

  private void project(List<ConsumerRecord<byte[], byte[]>> records) {
    var usable = new ArrayList<Usable<V>>();
    var dead = new ArrayList<DeadLetter>();
    for (var record : records) {
      try {
        V value = decode.apply(record);
        check.apply(value)
            .ifPresentOrElse(
                reason -> dead.add(new DeadLetter(record, reason)),
                () -> usable.add(new Usable<>(record, value)));
      } catch (MalformedMessageException e) {
        dead.add(new DeadLetter(record, e.getMessage()));
      }
    }
    try {
      applyInOneTransaction.accept(usable.stream().map(Usable::value).toList());
    } catch (DataIntegrityViolationException refused) {
      // The data of some record breaks a constraint (a value too long, a duplicate name): retrying
      // cannot help, and it must not hold up the others. Find it by applying one at a time.
      log.warn(
          "The database refused a batch of {} from {}; applying its records one by one: {}",
          usable.size(), topicName, refused.getMostSpecificCause().getMessage());
      for (var u : usable) {
        try {
          applyInOneTransaction.accept(List.of(u.value()));
        } catch (DataIntegrityViolationException e) {
          dead.add(
              new DeadLetter(
                  u.record(), "the database refused it: " + e.getMostSpecificCause().getMessage()));
        }
      }
    }
    long now = System.currentTimeMillis();
    for (var u : usable) {
      projectedAfterMillis.accept(Math.max(0, now - u.record().timestamp()));
    }
    // In the order they came, whichever step refused them.
    dead.sort(
        Comparator.comparing((DeadLetter d) -> d.record().partition())
            .thenComparingLong(d -> d.record().offset()));
    deadLetters.publish(dead);
  }
}
