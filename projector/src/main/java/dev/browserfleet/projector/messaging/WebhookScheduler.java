package dev.browserfleet.projector.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.webhook.DeliveryScheduled;
import dev.browserfleet.projector.persistence.WebhookRows;
import dev.browserfleet.projector.webhook.TerminalJob;
import dev.browserfleet.projector.webhook.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads bf.job-events in its own consumer group and turns each end of a job that has a callback
 * into a {@code webhook.scheduled} record. A job's callback is noted (in {@code
 * webhook_subscriptions}) when its job.accepted is read; at its end, the scheduler waits until the
 * projector's row shows that end, builds the body from it, and produces the delivery before it
 * commits the event's offset. A crash in between schedules the delivery again with the same id
 * (derived from the ending event's id), which the sender recognises.
 */
final class WebhookScheduler {

  private static final Logger log = LoggerFactory.getLogger(WebhookScheduler.class);
  private static final Duration PROJECTION_POLL = Duration.ofMillis(100);
  // A poll returns as soon as an event comes, and stop() wakes it: the wait only sets how often an
  // idle scheduler goes round its loop.
  private static final Duration IDLE_POLL = Duration.ofSeconds(5);
  // A row that does not exist this long after the job's end was deleted (retention), or never will be.
  private static final Duration MISSING_ROW_PATIENCE = Duration.ofMinutes(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final WebhookRows rows;
  private final Clock clock;

  WebhookScheduler(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, WebhookRows rows, Clock clock) {
    this.consumer = consumer;
    this.producer = producer;
    this.rows = rows;
    this.clock = clock;
  }

  /** Schedules deliveries until {@code running} turns false. */
  void run(BooleanSupplier running) throws InterruptedException {
    consumer.subscribe(List.of(Topics.JOB_EVENTS.name()));
    while (running.getAsBoolean()) {
      var records = consumer.poll(IDLE_POLL);
      for (ConsumerRecord<String, byte[]> record : records) {
        if (!handle(record, running)) {
          return; // stopped while waiting: the offset is not committed, the event is read again
        }
      }
      if (!records.isEmpty()) {
        consumer.commitSync();
      }
    }
  }

  /** False when stopped before the record was handled. */
  private boolean handle(ConsumerRecord<String, byte[]> record, BooleanSupplier running) throws InterruptedException {
    JobEvent event;
    try {
      event = JsonCodec.decode(record.value(), JobEvent.class);
    } catch (MalformedMessageException | IllegalArgumentException e) {
      return true; // the projector sends it to the dead letters; there is no job to call back for
    }
    switch (event) {
      case JobAccepted accepted when accepted.job().callbackUrl() != null && accepted.job().callbackKeyId() != null ->
          rows.subscribe(new WebhookRows.Subscription(accepted.jobId(), accepted.job().callbackUrl(),
              accepted.job().callbackKeyId()), accepted.occurredAt());
      case JobSucceeded e -> { return ended(e, running); }
      case JobFailed e -> { return ended(e, running); }
      case JobCancelled e -> { return ended(e, running); }
      default -> { }
    }
    return true;
  }

  private boolean ended(JobEvent end, BooleanSupplier running) throws InterruptedException {
    Optional<WebhookRows.Subscription> subscription = rows.subscription(end.jobId());
    if (subscription.isEmpty()) {
      return true;
    }
    long waitingSince = System.nanoTime();
    Optional<TerminalJob> job = rows.endedJob(end.jobId(), end.sequence());
    while (job.isEmpty()) {
      if (!running.getAsBoolean()) {
        return false;
      }
      if (Duration.ofNanos(System.nanoTime() - waitingSince).compareTo(MISSING_ROW_PATIENCE) > 0
          && !rows.jobExists(end.jobId())) {
        log.warn("No callback for job {}: its row was not projected within {}", end.jobId(), MISSING_ROW_PATIENCE);
        rows.unsubscribe(end.jobId());
        return true;
      }
      Thread.sleep(PROJECTION_POLL.toMillis());
      job = rows.endedJob(end.jobId(), end.sequence());
    }
    var delivery = new DeliveryScheduled(
        deliveryId(end), end.jobId(), job.get().clientId(), subscription.get().callbackUrl(), subscription.get().keyId(),
        WebhookPayload.json(job.get()), clock.instant());
    send(delivery);
    rows.unsubscribe(end.jobId());
    return true;
  }

  private void send(DeliveryScheduled delivery) {
    try {
      producer.send(new ProducerRecord<>(Topics.WEBHOOK_DELIVERIES.name(), delivery.jobId().toString(),
          JsonCodec.encode(delivery))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scheduling the delivery of job " + delivery.jobId(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not schedule the delivery of job " + delivery.jobId(), e.getCause());
    }
  }

  /** The same for every reading of the same ending, so that a repeated scheduling is recognised. */
  static UUID deliveryId(JobEvent end) {
    return UUID.nameUUIDFromBytes(("webhook:" + end.eventId()).getBytes(StandardCharsets.UTF_8));
  }

}
