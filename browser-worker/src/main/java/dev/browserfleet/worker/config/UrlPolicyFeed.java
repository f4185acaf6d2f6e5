package dev.browserfleet.worker.config;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.policy.UrlPolicyDirectory;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.kafka.CompactedTopicReader;
import dev.browserfleet.kafka.TopicProvisioner;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The URL policies the worker's UrlGuard applies: {@code bf.url-policies}, mirrored in memory.
 * Its own type, not a bare directory bean, because the dev launcher runs the ingest-api (which
 * has one) in the same context.
 */
final class UrlPolicyFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UrlPolicyFeed.class);

  private final UrlPolicyDirectory directory = new UrlPolicyDirectory();
  private final String bootstrapServers;
  private final short replicationFactor;
  private final CompactedTopicReader<UrlPolicy> reader;

  UrlPolicyFeed(String bootstrapServers, short replicationFactor) {
    this.bootstrapServers = bootstrapServers;
    this.replicationFactor = replicationFactor;
    this.reader =
        new CompactedTopicReader<>("browser-worker-", bootstrapServers, Topics.URL_POLICIES, directory::put, directory::remove);
  }

  /** Creates the topic if no other service has yet (a fresh cluster), then follows it. */
  void start() {
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicProvisioner.ensure(admin, List.of(Topics.URL_POLICIES), 1, replicationFactor);
    } catch (RuntimeException e) {
      // The reader retries until the topic is there; health stays DOWN meanwhile.
      log.warn("Could not make sure {} exists yet: {}", Topics.URL_POLICIES, e.getMessage());
    }
    reader.start();
  }

  UrlPolicies current() {
    return directory.current();
  }

  boolean caughtUp() {
    return reader.caughtUp();
  }

  String failure() {
    return reader.failure();
  }

  @Override
  public void close() {
    reader.close();
  }
}
