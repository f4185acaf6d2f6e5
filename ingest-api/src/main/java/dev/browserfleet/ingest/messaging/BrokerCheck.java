package dev.browserfleet.ingest.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Whether the Kafka cluster answers now: for the readiness check, with one long-lived admin client. */
public final class BrokerCheck implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;

  public BrokerCheck(String bootstrapServers) {
    int timeoutMs = Math.toIntExact(TIMEOUT.toMillis());
    this.admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-api-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
  }

  /** Why the cluster is not usable, or empty when it answered with at least one broker. */
  public Optional<String> problem() {
    try {
      int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return brokers > 0 ? Optional.empty() : Optional.of("the cluster reports no brokers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return Optional.of("no answer from Kafka within " + TIMEOUT + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
