package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.ingest.access.ApiKeyUsageTracker;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the key uses noted in memory to {@code bf.api-key-usage} every {@code interval}, and
 * once more when the service stops; the projector turns them into {@code api_keys.last_used_at}.
 */
public final class ApiKeyUsagePublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyUsagePublisher.class);

  private final ApiKeyUsageTracker tracker;
  private final RecordPublisher publisher;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ingest-key-usage").daemon().factory());

  public ApiKeyUsagePublisher(ApiKeyUsageTracker tracker, RecordPublisher publisher, Duration interval) {
    this.tracker = tracker;
    this.publisher = publisher;
    executor.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void flush() {
    for (ApiKeyUsage usage : tracker.drain()) {
      try {
        publisher.publish(Topics.API_KEY_USAGE, usage.keyId().toString(), usage);
      } catch (PublicationFailedException e) {
        // Put it back: the next flush tries again, and a later use would supersede it anyway.
        tracker.noteUse(usage.keyId(), usage.lastUsedAt());
        log.warn("Could not publish API key usage yet: {}", e.getMessage());
        return;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    flush();
  }
}
