package dev.browserfleet.dispatcher.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param pollInterval how long the stream thread blocks on an empty poll, the other latency bound
 * @param replicationFactor replication of the topics it creates and of its internal topics
 */
@Validated
@ConfigurationProperties("browserfleet.dispatcher")
public record DispatcherProperties(
    @NotBlank String applicationId,
    @NotNull Path stateDir,
    @NotNull Duration commitInterval,
    @NotNull Duration pollInterval,
    @Min(1) short replicationFactor) {
}
