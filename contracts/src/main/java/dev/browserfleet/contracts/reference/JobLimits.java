package dev.browserfleet.contracts.reference;

import java.time.Instant;
import java.util.Collection;

/**
 * The job limits of one client, from its API keys: where it has several usable keys, the lowest
 * of each limit applies, so that a second key is never a way around the first's limit. {@code null}
 * means no limit. The ingest-api and the dispatcher both derive them this way from {@code bf.api-keys}.
 */
public record JobLimits(Integer maxConcurrentJobs, Integer maxQueuedJobs) {

  public static final JobLimits NONE = new JobLimits(null, null);

  /** The limits of {@code clientId} at {@code now}, from every key there is (others' are skipped). */
  public static JobLimits of(String clientId, Collection<ApiKey> keys, Instant now) {
    if (clientId == null) {
      return NONE;
    }
    Integer concurrent = null;
    Integer queued = null;
    for (ApiKey key : keys) {
      if (key == null || !clientId.equals(key.clientId()) || !key.isUsableAt(now)) {
        continue;
      }
      concurrent = lower(concurrent, key.maxConcurrentJobs());
      queued = lower(queued, key.maxQueuedJobs());
    }
    return new JobLimits(concurrent, queued);
  }

  private static Integer lower(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.min(a, b);
  }

  /** Whether {@code running} jobs leave room for one more to start. */
  public boolean mayStartAnother(int running) {
    return maxConcurrentJobs == null || running < maxConcurrentJobs;
  }

  /** Whether {@code queued} jobs leave room for {@code more}. */
  public boolean mayQueue(long queued, int more) {
    return maxQueuedJobs == null || queued + more <= maxQueuedJobs;
  }
}
