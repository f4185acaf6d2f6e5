package dev.browserfleet.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingest-api, under {@code browserfleet.ingest}.
 *
 * @param adminKey the admin API key ({@code BF_ADMIN_KEY}); when empty, one is generated at
 *     start-up and printed once
 * @param publishTimeout how long a request waits for the broker to acknowledge what it publishes
 *     before answering 503 (default 10 s)
 * @param recentSubmissions the memory of accepted jobs that are not projected yet
 * @param maxRequestBody the largest request body accepted; larger ones get 413 (default 1MB)
 * @param usageFlushInterval how often the last use of each key is published for
 *     {@code api_keys.last_used_at} (default 10 s); requests themselves never write it
 */
@ConfigurationProperties("browserfleet.ingest")
@Validated
public record IngestProperties(
    @DefaultValue("") String adminKey,
    @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) Duration publishTimeout,
    @DefaultValue @NotNull @Valid RecentSubmissionsProperties recentSubmissions,
    @DefaultValue("1MB") @NotNull DataSize maxRequestBody,
    @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration usageFlushInterval) {

  /**
   * @param maxEntries most jobs kept (default 10000); the oldest go first
   * @param ttl how long a job is kept (default 10 min); by then the projector has its row
   */
  public record RecentSubmissionsProperties(
      @DefaultValue("10000") @Positive @Max(10_000_000) int maxEntries,
      @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration ttl) {}

  @Override
  public String toString() {
    // Never the admin key, whatever prints this record.
    return "IngestProperties[adminKey=" + (adminKey == null || adminKey.isBlank() ? "(generated)" : "(set)")
        + ", publishTimeout=" + publishTimeout + ", recentSubmissions=" + recentSubmissions
        + ", maxRequestBody=" + maxRequestBody + ", usageFlushInterval=" + usageFlushInterval + "]";
  }
}
