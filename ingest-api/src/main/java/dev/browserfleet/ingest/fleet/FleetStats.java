package dev.browserfleet.ingest.fleet;

import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.ingest.access.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of GET /stats and GET /workers/stats. Queue depth is per lane (engine and priority
 * band, as the dispatcher routes), counted from the pending jobs of the projection.
 */
public final class FleetStats {

  /** Jobs by status, jobs finished in the last minute and hour, and pending jobs per lane. */
  public record JobStats(
      Map<String, Long> jobsByStatus, Throughput throughput, Map<String, Long> queueDepth) {}

  /** Jobs that ended in each window, of the caller's (or, for the admin, all). */
  public record Throughput(long lastMinute, long lastHour) {}

  /** Worker slots by status, overall and per engine. */
  public record WorkerStats(long total, Map<String, Long> byStatus, Map<String, Map<String, Long>> byEngine) {}

  private final FleetQueries queries;
  private final PriorityBands bands;
  private final Clock clock;

  public FleetStats(FleetQueries queries, PriorityBands bands, Clock clock) {
    this.queries = queries;
    this.bands = bands;
    this.clock = clock;
  }

  public JobStats jobs(Caller caller) {
    Instant now = clock.instant();
    var throughput =
        new Throughput(
            queries.finishedSince(caller, now.minus(Duration.ofMinutes(1))),
            queries.finishedSince(caller, now.minus(Duration.ofHours(1))));
    return new JobStats(queries.jobsByStatus(caller), throughput, queueDepth());
  }

  /** Pending jobs of every client per lane ({@code engine/band}). */
  public Map<String, Long> queueDepth() {
    var depth = new LinkedHashMap<String, Long>();
    for (FleetQueries.PendingCount count : queries.pendingByEngineAndPriority()) {
      String lane = count.engine() + "/" + bands.bandOf(Math.clamp(count.priority(), 0, 100)).name();
      depth.merge(lane, count.count(), Long::sum);
    }
    return depth;
  }

  public PriorityBands bands() {
    return bands;
  }

  public WorkerStats workers() {
    Map<String, Map<String, Long>> byEngine = queries.workerCounts();
    var byStatus = new LinkedHashMap<String, Long>();
    byEngine.values().forEach(statuses -> statuses.forEach((status, n) -> byStatus.merge(status, n, Long::sum)));
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    return new WorkerStats(total, byStatus, byEngine);
  }
}
