package dev.browserfleet.dispatcher.config;

import dev.browserfleet.dispatcher.lifecycle.LifecyclePolicy;
import dev.browserfleet.dispatcher.lifecycle.RetryPolicy;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The dispatcher's settings ({@code browserfleet.dispatcher.*}).
 *
 * @param applicationId the Kafka Streams application id; also its consumer group and the prefix of
 *     its internal topics
 * @param stateDir where Kafka Streams keeps the job-state store (default: under the data dir)
 * @param commitInterval how often the exactly-once transaction commits; every record waits for it,
 *     so it bounds the hop's latency (Kafka's default of 100 ms would cost that on every job)
 * @param pollInterval how long the stream threads block on an empty poll: how often an idle
 *     dispatcher wakes up (a record ends the poll at once, and one that comes after a quiet spell
 *     is committed at once)
 * @param replicationFactor replication of the topics it creates and of its internal topics
 * @param retryBackoffBase the wait before the first retry; it doubles with each retry, with jitter
 * @param retryBackoffCap the longest wait between two attempts
 * @param queueTimeout how long a job waits on its lane while no live worker of its engine exists
 * @param workerLostAfter how long a worker may stay silent before its job is re-run elsewhere
 * @param timerInterval how often due timers (retries, queue timeouts, worker checks) are looked at
 * @param instanceId a stable name for this dispatcher instance (Kafka static membership), or blank:
 *     with one, an instance restarted after a crash takes its partitions back at once instead of
 *     waiting out the dead member's session timeout (45 s); two live instances must never share it
 */
@Validated
@ConfigurationProperties("browserfleet.dispatcher")
public record DispatcherProperties(
    @NotBlank String applicationId,
    @NotNull Path stateDir,
    @NotNull Duration commitInterval,
    @NotNull Duration pollInterval,
    @Min(1) short replicationFactor,
    @NotNull Duration retryBackoffBase,
    @NotNull Duration retryBackoffCap,
    @NotNull Duration queueTimeout,
    @NotNull Duration workerLostAfter,
    @NotNull Duration timerInterval,
    String instanceId) {

  public java.util.Optional<String> staticInstanceId() {
    return instanceId == null || instanceId.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(instanceId.trim());
  }

  public LifecyclePolicy lifecycle() {
    var retry = new RetryPolicy(retryBackoffBase, retryBackoffCap, () -> ThreadLocalRandom.current().nextDouble());
    return new LifecyclePolicy(retry, queueTimeout, workerLostAfter);
  }
}
