package dev.browserfleet.projector.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the projector ({@code browserfleet.projector.*}).
 *
 * @param groupId consumer group of every projector instance (default {@code bf-projector})
 * @param maxPollRecords most records applied in one database transaction (default 500)
 * @param pollTimeout how long one poll waits for records; also bounds how long a stop takes
 *     (default 1s)
 * @param retry backoff between attempts of a batch that failed on a transient error (database
 *     unreachable, a referenced row not projected yet); it never gives up, so nothing is lost
 * @param topicPartitions partitions of the topics created at start-up if missing (default 3)
 * @param topicReplicationFactor their replication factor (default {@code
 *     browserfleet.kafka.replication-factor}, else 1)
 * @param workerOfflineAfter a worker silent for longer is marked offline (default 1m)
 * @param workerSweepInterval how often silent workers are looked for (default 10s)
 * @param retention how long a job is kept after its creation, with its logs and artifacts
 *     (default 7d); a replay does not bring back a job older than this
 * @param retentionInterval how often jobs past retention are deleted (default 1h)
 * @param retentionBatchSize jobs deleted per transaction (default 1000)
 * @param instanceId a stable name for this projector instance (Kafka static membership), or
 *     blank: with one, an instance killed and started again takes its partitions back at once
 *     instead of waiting out the dead member's session timeout (45 s); two live instances must
 *     never share it
 */
@Validated
@ConfigurationProperties("browserfleet.projector")
public record ProjectorProperties(
    @NotBlank @DefaultValue("bf-projector") String groupId,
    @Min(1) @Max(10_000) @DefaultValue("500") int maxPollRecords,
    @NotNull @DefaultValue("1s") Duration pollTimeout,
    @NotNull @Valid @DefaultValue Retry retry,
    @Min(1) @DefaultValue("3") int topicPartitions,
    @Min(1) @DefaultValue("1") short topicReplicationFactor,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration workerOfflineAfter,
    @NotNull @DurationMin(millis = 10) @DefaultValue("10s") Duration workerSweepInterval,
    @NotNull @DurationMin(minutes = 1) @DefaultValue("7d") Duration retention,
    @NotNull @DurationMin(millis = 10) @DefaultValue("1h") Duration retentionInterval,
    @Min(1) @Max(10_000) @DefaultValue("1000") int retentionBatchSize,
    String instanceId) {

  /** The static member name of this instance's consumer of {@code topic}, if it has one. */
  public java.util.Optional<String> staticMemberOf(String topic) {
    return instanceId == null || instanceId.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(instanceId.trim() + "-" + topic);
  }

  /**
   * @param initialInterval first wait (default 500ms)
   * @param multiplier growth of each next wait (default 2)
   * @param maxInterval longest wait (default 30s)
   */
  public record Retry(
      @NotNull @DefaultValue("500ms") Duration initialInterval,
      @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
      @NotNull @DefaultValue("30s") Duration maxInterval) {}
}
