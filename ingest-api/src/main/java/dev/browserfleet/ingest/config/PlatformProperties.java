package dev.browserfleet.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings every Browserfleet service shares, under {@code browserfleet}, as the ingest-api
 * uses them.
 *
 * @param artifactDir where workers store artifacts; {@code job_artifacts.file_path} is relative
 *     to it ({@code BF_ARTIFACT_DIR}, default {@code <data-dir>/artifacts})
 * @param allowPrivateTargets whether jobs may browse loopback and private addresses
 *     ({@code BF_ALLOW_PRIVATE_TARGETS}, default false)
 * @param kafka how new topics are created
 */
@ConfigurationProperties("browserfleet")
@Validated
public record PlatformProperties(
    @DefaultValue("./.browserfleet/artifacts") @NotNull Path artifactDir,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue @NotNull @Valid KafkaTopics kafka) {

  /**
   * @param replicationFactor replicas of each new topic (default 1, for a single broker)
   * @param partitions partitions of each new non-compacted topic (default 3)
   */
  public record KafkaTopics(
      @DefaultValue("1") @Min(1) @Max(32) short replicationFactor,
      @DefaultValue("3") @Min(1) @Max(1000) int partitions) {}
}
