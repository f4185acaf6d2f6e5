package dev.browserfleet.ingest.persistence;

import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.access.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
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
 */
@Component("ingestRateLimiter")
class Bucket4jRateLimiter implements RateLimiter {

  static final String TABLE = "api_rate_limit_buckets";
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ProxyManager<String> buckets;

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
      probe =
          buckets
              .builder()
              // The version is the limit itself: a changed limit replaces the stored configuration.
              .withImplicitConfigurationReplacement(limit, TokensInheritanceStrategy.PROPORTIONALLY)
              // Concurrent requests of one key share one database round trip instead of queueing
              // on the row lock one by one; every token is still counted in the shared bucket.
              .withOptimization(Optimizations.batching())
              .build(client.keyId().toString(), () -> configuration(limit))
              .tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      // Refuse rather than let an unlimited request through: the caller is told to retry (503).
      throw new DataAccessResourceFailureException("the rate-limit store did not answer: " + e.getMessage(), e);
    }
    long resetSeconds = seconds(probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? new Decision(true, limit, probe.getRemainingTokens(), resetSeconds, 0)
        : new Decision(false, limit, 0, resetSeconds, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
  }

  private static BucketConfiguration configuration(int limit) {
    return BucketConfiguration.builder().addLimit(l -> l.capacity(limit).refillGreedy(limit, WINDOW)).build();
  }

  private static long seconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }
}
