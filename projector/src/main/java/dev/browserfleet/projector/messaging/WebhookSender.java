package dev.browserfleet.projector.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.DeliveryScheduled;
import dev.browserfleet.contracts.webhook.WebhookDelivery;
import dev.browserfleet.contracts.webhook.WebhookSecretCipher;
import dev.browserfleet.kafka.CompactedTopicReader;
import dev.browserfleet.projector.outbound.CallbackClient;
import dev.browserfleet.projector.webhook.AttemptResult;
import dev.browserfleet.projector.webhook.Attempts;
import dev.browserfleet.projector.webhook.DeliveryBook;
import dev.browserfleet.projector.webhook.WebhookBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes the attempts that bf.webhook-deliveries says are owed. On every assignment it reads its
 * partitions from their beginning into a {@link DeliveryBook} (it commits no offsets: the topic is
 * its state), and attempts nothing until it has read what was there, so that an attempt recorded
 * before a restart is not made again. Attempts run in parallel on virtual threads; each one's
 * record is produced before the attempt counts as made, and read back later changes nothing.
 */
final class WebhookSender {

  // A poll returns as soon as a record comes (an attempt's own record too), and at the next due
  // delivery, and stop() wakes it; this bounds how late an attempt whose record could not be
  // produced is seen to have ended, and how often an idle sender goes round its loop.
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final CallbackClient client;
  private final Function<UUID, Optional<ApiKey>> keys;
  private final WebhookSecretCipher cipher;
  private final WebhookBackoff backoff;
  private final Clock clock;
  private final ExecutorService attempts;
  private final BooleanSupplier keysReady;
  private final DeliveryBook book = new DeliveryBook();
  // Attempts that ended: their record, or empty when it could not be produced (the attempt is owed again).
  private final ConcurrentLinkedQueue<Made> made = new ConcurrentLinkedQueue<>();
  private Map<TopicPartition, Long> readingUpTo = Map.of();

  private record Made(UUID deliveryId, Optional<DeliveryAttempted> recorded) {}

  WebhookSender(
      KafkaConsumer<String, byte[]> consumer,
      KafkaProducer<String, byte[]> producer,
      CallbackClient client,
      Function<UUID, Optional<ApiKey>> keys,
      WebhookSecretCipher cipher,
      WebhookBackoff backoff,
      Clock clock,
      ExecutorService attempts,
      BooleanSupplier keysReady) {
    this.consumer = consumer;
    this.producer = producer;
    this.client = client;
    this.keys = keys;
    this.cipher = cipher;
    this.backoff = backoff;
    this.clock = clock;
    this.attempts = attempts;
    this.keysReady = keysReady;
  }

  void run(BooleanSupplier running) {
    consumer.subscribe(List.of(Topics.WEBHOOK_DELIVERIES.name()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        book.clear();
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        book.clear();
        var assigned = consumer.assignment();
        consumer.seekToBeginning(assigned);
        readingUpTo = new HashMap<>(consumer.endOffsets(assigned));
      }
    });
    while (running.getAsBoolean()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout())) {
        decode(record).ifPresent(book::apply);
      }
      for (Made attempt; (attempt = made.poll()) != null; ) {
        Made ended = attempt;
        ended.recorded().ifPresentOrElse(book::apply, () -> book.abandonAttempt(ended.deliveryId()));
      }
      if (caughtUp()) {
        for (DeliveryBook.Owed owed : book.due(clock.instant())) {
          book.startAttempt(owed.delivery().deliveryId());
          attempts.execute(() -> made.add(new Made(owed.delivery().deliveryId(), attempt(owed))));
        }
      }
    }
  }

  private Duration pollTimeout() {
    Instant now = clock.instant();
    return book.nextDue()
        .map(due -> Duration.between(now, due))
        .filter(wait -> wait.compareTo(IDLE_POLL) < 0)
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
        .orElse(IDLE_POLL);
  }

  private boolean caughtUp() {
    // Until the API keys are read, an owed delivery would look as if its signing key were gone.
    return keysReady.getAsBoolean() && !readingUpTo.isEmpty() && CompactedTopicReader.reached(consumer, readingUpTo);
  }

  /** Makes one attempt and records it on the topic; what it returns is applied to the book. */
  private Optional<DeliveryAttempted> attempt(DeliveryBook.Owed owed) {
    var delivery = owed.delivery();
    Instant at = clock.instant();
    AttemptResult result = secretOf(delivery)
        .map(secret -> client.post(delivery.callbackUrl(), delivery.deliveryId(), secret, delivery.body()))
        .orElseGet(() -> new AttemptResult.Hopeless("the API key " + delivery.keyId()
            + " that signs this callback is unknown, has no webhook secret, or is not a key of the job's client", 0));
    DeliveryAttempted attempted = Attempts.record(owed, result, at, backoff, ThreadLocalRandom.current()::nextDouble);
    try {
      producer.send(new ProducerRecord<>(Topics.WEBHOOK_DELIVERIES.name(), delivery.jobId().toString(),
          JsonCodec.encode(attempted))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      // Not recorded: the book still owes this attempt, so it is made again once due.
      return Optional.empty();
    }
    return Optional.of(attempted);
  }

  /** The secret that signs the delivery: its key's, if that key is one of the job's client. */
  private Optional<String> secretOf(DeliveryScheduled delivery) {
    UUID keyId = delivery.keyId();
    // A job produced straight to Kafka names its signing key itself: never another client's.
    return keys.apply(keyId)
        .filter(key -> key.clientId() != null && key.clientId().equals(delivery.clientId()))
        .map(ApiKey::webhookSecret)
        .flatMap(sealed -> {
          try {
            return Optional.of(cipher.decrypt(sealed, keyId.toString()));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        });
  }

  private static Optional<WebhookDelivery> decode(ConsumerRecord<String, byte[]> record) {
    try {
      return Optional.of(JsonCodec.decode(record.value(), WebhookDelivery.class));
    } catch (MalformedMessageException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
