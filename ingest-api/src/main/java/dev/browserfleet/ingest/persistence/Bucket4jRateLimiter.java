package dev.browserfleet.ingest.persistence;

import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.access.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key in {@code api_rate_limit_buckets}, through Bucket4j's PostgreSQL
 * proxy manager: each request takes a token in a short transaction that locks the key's row, so
 * every replica draws from the same bucket. The bucket holds {@code rate_limit} tokens and refills
 * them greedily over a minute. When an admin changes the limit, the bucket's configuration is
 * replaced (keeping the tokens in proportion) at the key's next request.
 *
 * <p>Each key's bucket proxy is built once and kept: Bucket4j's batching belongs to the proxy, so
 * concurrent requests of one key join one database round trip (one row lock, one update, however
 * many tokens) only when they go through the same proxy. Every token is still taken in the shared
 * row before a request is allowed, so replicas never admit more than the limit together.
 *
 * <p>A key with a high limit (at least {@value #LOCAL_COUNTING_FROM} a minute) is counted locally
 * between synchronisations instead: each replica takes tokens from its own copy of the bucket and
 * writes what it took to the shared row once it has taken {@code limit / }{@value #LOCAL_SHARE}
 * tokens or {@link #SYNC_INTERVAL} has passed, whichever comes first. While a replica's copy is
 * behind, the replicas together may admit up to {@code limit / }{@value #LOCAL_SHARE} requests
 * each (0.1% of the limit) more than the bucket holds; the shared row then owes them and refuses
 * until its refill has paid them back, so over a minute the limit holds. Keys below that limit are
 * counted exactly, in the shared row, on every request.
 */
@Component("ingestRateLimiter")
class Bucket4jRateLimiter implements RateLimiter {

  static final String TABLE = "api_rate_limit_buckets";
  private static final Duration WINDOW = Duration.ofMinutes(1);

  // Bounds the proxies kept; only authenticated keys get here, so this is rarely reached.
  private static final int MAX_CACHED_BUCKETS = 10_000;

  // From here a key's requests are counted locally between synchronisations (see above).
  static final int LOCAL_COUNTING_FROM = 60_000;
  static final int LOCAL_SHARE = 1_000;
  static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

  private record CachedBucket(int limit, BucketProxy bucket) {}

  private final ProxyManager<String> buckets;
  private final Map<UUID, CachedBucket> proxies = new ConcurrentHashMap<>();

  Bucket4jRateLimiter(DataSource dataSource) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table(TABLE)
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            // A bucket that has refilled is no different from none: its row may then be removed.
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
            .build();
  }

  @Override
  public Decision take(Caller.Client client) {
    int limit = client.rateLimit();
    ConsumptionProbe probe;
    try {
      probe = bucket(client.keyId(), limit).tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      // Refuse rather than let an unlimited request through: the caller is told to retry (503).
      throw new DataAccessResourceFailureException("the rate-limit store did not answer: " + e.getMessage(), e);
    }
    long resetSeconds = seconds(probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? new Decision(true, limit, probe.getRemainingTokens(), resetSeconds, 0)
        : new Decision(false, limit, 0, resetSeconds, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
  }

  private BucketProxy bucket(UUID keyId, int limit) {
    CachedBucket cached = proxies.get(keyId);
    if (cached != null && cached.limit() == limit) {
      return cached.bucket();
    }
    if (proxies.size() >= MAX_CACHED_BUCKETS) {
      proxies.clear();
    }
    BucketProxy bucket =
        buckets
            .builder()
            // The version is the limit itself: a changed limit replaces the stored configuration.
            .withImplicitConfigurationReplacement(limit, TokensInheritanceStrategy.PROPORTIONALLY)
            .withOptimization(optimization(limit))
            .build(keyId.toString(), () -> configuration(limit));
    // Two requests racing here may each build one; either is correct, and one of them is kept.
    proxies.put(keyId, new CachedBucket(limit, bucket));
    return bucket;
  }

  static Optimization optimization(int limit) {
    if (limit >= LOCAL_COUNTING_FROM) {
      return Optimizations.delaying(new DelayParameters(limit / LOCAL_SHARE, SYNC_INTERVAL));
    }
    // Concurrent requests of one key share one database round trip instead of queueing on the
    // row lock one by one; every token is still counted in the shared bucket before it is given.
    return Optimizations.batching();
  }

  private static BucketConfiguration configuration(int limit) {
    return BucketConfiguration.builder().addLimit(l -> l.capacity(limit).refillGreedy(limit, WINDOW)).build();
  }

  private static long seconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }
}
