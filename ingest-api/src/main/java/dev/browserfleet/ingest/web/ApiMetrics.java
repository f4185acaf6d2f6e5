package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.ingest.fleet.FleetStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The ingest-api's {@code browserfleet_*} series: submissions accepted and rejected, requests
 * refused by the rate limit, and the pending jobs per lane. The queue depth comes from one query
 * of the projection, made at most every few seconds however often Prometheus scrapes.
 */
@Component("ingestApiMetrics")
class ApiMetrics {

  private static final Duration QUEUE_DEPTH_MAX_AGE = Duration.ofSeconds(5);

  private final Counter accepted;
  private final Counter replayed;
  private final Counter rejected;
  private final Counter rateLimited;
  private final FleetStats stats;
  private volatile Map<String, Long> queueDepth = Map.of();
  private volatile long queueDepthReadAt;

  ApiMetrics(MeterRegistry registry, FleetStats stats) {
    this.stats = stats;
    this.accepted = Counter.builder("browserfleet.submissions").tag("outcome", "accepted")
        .description("Job submissions accepted and published").register(registry);
    this.replayed = Counter.builder("browserfleet.submissions").tag("outcome", "replayed")
        .description("Retried submissions answered with the job of their Idempotency-Key").register(registry);
    this.rejected = Counter.builder("browserfleet.rejections")
        .description("Job submissions rejected as invalid").register(registry);
    this.rateLimited = Counter.builder("browserfleet.rate.limited.requests")
        .description("Requests refused with 429 by their key's rate limit").register(registry);
    for (Engine engine : Engine.values()) {
      for (PriorityBands.Band band : stats.bands().bands()) {
        String lane = engine.wireName() + "/" + band.name();
        Gauge.builder("browserfleet.queue.depth", () -> queueDepth().getOrDefault(lane, 0L))
            .tag("lane", lane)
            .description("Pending jobs per lane (engine and priority band), from the projection")
            .register(registry);
      }
    }
  }

  void accepted() {
    accepted.increment();
  }

  void replayed() {
    replayed.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void rateLimited() {
    rateLimited.increment();
  }

  private Map<String, Long> queueDepth() {
    long now = System.nanoTime();
    if (now - queueDepthReadAt > QUEUE_DEPTH_MAX_AGE.toNanos()) {
      queueDepth = stats.queueDepth();
      queueDepthReadAt = now;
    }
    return queueDepth;
  }
}
