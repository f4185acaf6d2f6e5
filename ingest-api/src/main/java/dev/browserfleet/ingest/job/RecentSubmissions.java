package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs this instance accepted lately, so that a GET right after the 202 finds the job before
 * the projector has written its row. Bounded in count and in age: by then the row exists, or the
 * job is lost to this instance's memory anyway and PostgreSQL is the only answer.
 */
public final class RecentSubmissions {

  private record Entry(SubmitJob job, Instant rememberedAt) {}

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  // Insertion order is age order, so both limits evict from the head.
  private final LinkedHashMap<JobId, Entry> entries = new LinkedHashMap<>();

  public RecentSubmissions(int maxEntries, Duration ttl, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, not " + ttl);
    }
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
  }

  public synchronized void remember(SubmitJob job) {
    Instant now = clock.instant();
    evictExpired(now);
    entries.remove(job.jobId());
    entries.put(job.jobId(), new Entry(job, now));
    Iterator<JobId> eldest = entries.keySet().iterator();
    while (entries.size() > maxEntries) {
      eldest.next();
      eldest.remove();
    }
  }

  public synchronized Optional<SubmitJob> find(JobId jobId) {
    evictExpired(clock.instant());
    Entry entry = entries.get(jobId);
    return entry == null ? Optional.empty() : Optional.of(entry.job());
  }

  public synchronized int size() {
    evictExpired(clock.instant());
    return entries.size();
  }

  private void evictExpired(Instant now) {
    Instant oldestKept = now.minus(ttl);
    Iterator<Map.Entry<JobId, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().rememberedAt().isAfter(oldestKept)) {
        return;
      }
      it.remove();
    }
  }
}
