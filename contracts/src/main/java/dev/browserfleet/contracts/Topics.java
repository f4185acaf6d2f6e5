package dev.browserfleet.contracts;

import java.time.Duration;

import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.webhook.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The topic catalogue. The README's topic table lists the same, with producers and consumers. */
public final class Topics {

  /** Submit and cancel commands, from the ingest-api and from clients producing straight to Kafka. */
  public static final Topic<JobCommand> JOB_COMMANDS =
      new Topic<>("bf.job-commands", JobCommand.class, "job id", false);

  /** The lifecycle of every job, written only by the dispatcher; sequenced per job. */
  public static final Topic<JobEvent> JOB_EVENTS =
      new Topic<>("bf.job-events", JobEvent.class, "job id", false);

  /** Facts workers report about attempts; read by the dispatcher. */
  public static final Topic<AttemptReport> ATTEMPT_REPORTS =
      new Topic<>("bf.attempt-reports", AttemptReport.class, "job id", false);

  /**
   * Heartbeats and stops of worker slots. Compacted: what matters of a slot is its latest word,
   * which the dispatcher keeps in a global table to tell live workers from lost ones.
   */
  public static final Topic<WorkerEvent> WORKER_EVENTS =
      new Topic<>("bf.worker-events", WorkerEvent.class, "worker id", true);

  /**
   * How long a revocation is kept: as long as the lane record it may stop, whose topic keeps
   * records for the broker's default of 7 days.
   */
  public static final Duration REVOCATIONS_KEPT = Duration.ofDays(7);

  /**
   * Attempts the dispatcher revoked (cancelled, timed out in the queue, lost); every worker reads
   * them. Compacted, and deleted after {@link #REVOCATIONS_KEPT}, so that neither the topic nor a
   * worker's memory of it grows for good.
   */
  public static final Topic<AttemptRevoked> ATTEMPT_REVOCATIONS =
      new Topic<>("bf.attempt-revocations", AttemptRevoked.class, "job id/attempt[/worker id]", true)
          .expiringAfter(REVOCATIONS_KEPT);

  /** The latest definition of each browser type. */
  public static final Topic<BrowserType> BROWSER_TYPES =
      new Topic<>("bf.browser-types", BrowserType.class, "browser type id", true);

  /** The latest state of each API key (hash only, never the secret). */
  public static final Topic<ApiKey> API_KEYS =
      new Topic<>("bf.api-keys", ApiKey.class, "API key id", true);

  /** When each API key was last used (written by the ingest-api every few seconds, not per request). */
  public static final Topic<ApiKeyUsage> API_KEY_USAGE =
      new Topic<>("bf.api-key-usage", ApiKeyUsage.class, "API key id", true);

  /** The latest state of each URL policy; a deleted policy is a tombstone. */
  public static final Topic<UrlPolicy> URL_POLICIES =
      new Topic<>("bf.url-policies", UrlPolicy.class, "URL policy id", true);

  /**
   * Webhook deliveries: each one scheduled when its job ended, then each attempt. Written and read
   * by the delivery component (in the projector process), which rebuilds what is still owed from it;
   * projected into {@code webhook_deliveries}. Kept by the broker's retention (7 days by default),
   * which must exceed the 24 hours a delivery is retried.
   */
  public static final Topic<WebhookDelivery> WEBHOOK_DELIVERIES =
      new Topic<>("bf.webhook-deliveries", WebhookDelivery.class, "job id", false);

  /**
   * Records that could not be read, byte for byte as they came, with the reason in the headers
   * named by {@link DeadLetterHeaders}.
   */
  public static final Topic<byte[]> DEAD_LETTERS =
      new Topic<>("bf.dead-letters", byte[].class, "as in the source topic", false);

  private Topics() {}

  /**
   * The topic of one lane. One partition: a share group gives each partition to some of its
   * consumers only while it has no more consumers than partitions, and a job on a partition held by
   * busy slots would wait for them while other slots idle. On one partition every slot shares the
   * whole lane, in submission order.
   */
  public static Topic<JobAssignment> lane(Lane lane) {
    return new Topic<>(lane.topicName(), JobAssignment.class, "job id", false, true);
  }

  /** Every lane topic of {@code engine}, highest band first. */
  public static List<Topic<JobAssignment>> lanes(Engine engine, PriorityBands bands) {
    return bands.bands().stream().map(b -> lane(new Lane(engine, b.name()))).toList();
  }

  /** Every topic the system uses with these bands. */
  public static List<Topic<?>> all(PriorityBands bands) {
    var all = new ArrayList<Topic<?>>(
        List.of(JOB_COMMANDS, JOB_EVENTS, ATTEMPT_REPORTS, WORKER_EVENTS, ATTEMPT_REVOCATIONS, BROWSER_TYPES, API_KEYS,
            API_KEY_USAGE, URL_POLICIES, WEBHOOK_DELIVERIES, DEAD_LETTERS));
    for (Engine engine : Engine.values()) {
      all.addAll(lanes(engine, bands));
    }
    return List.copyOf(all);
  }
}
