package dev.browserfleet.kafka;

import dev.browserfleet.contracts.Topic;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs if they are missing. Every service calls it for its own
 * topics at start-up, so that any of them can start first; creating an existing topic is a no-op.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  /**
   * @param partitions partitions of new topics, except those that have one ({@link Topic#onePartition()})
   * @param replicationFactor replication of new topics (1 for a single broker)
   */
  public static void ensure(
      Admin admin, Collection<Topic<?>> topics, int partitions, short replicationFactor) {
    Set<String> existing;
    try {
      existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.name()))
              .distinct()
              .map(t -> newTopic(t, partitions, replicationFactor))
              .toList();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      // A topic made before its values expired (an older version) gets its expiry now.
      var expiries = new HashMap<ConfigResource, Collection<AlterConfigOp>>();
      topics.stream().filter(t -> existing.contains(t.name()) && t.expiresAfter() != null).distinct().forEach(t ->
          expiries.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), expiryConfig(t).entrySet().stream()
              .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
              .toList()));
      if (!expiries.isEmpty()) {
        try {
          admin.incrementalAlterConfigs(expiries).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // A principal without ALTER_CONFIGS: the topic works as it is, only it keeps values for good.
          log.warn("could not set the retention of {}: {}", expiries.keySet(), e.getCause().getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list or create topics: " + e.getMessage(), e);
    }
  }

  /** Compacted, and values deleted after {@link Topic#expiresAfter()}. */
  private static Map<String, String> expiryConfig(Topic<?> topic) {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.expiresAfter().toMillis()));
  }

  private static NewTopic newTopic(Topic<?> topic, int partitions, short replicationFactor) {
    if (topic.compacted() && topic.expiresAfter() != null) {
      return new NewTopic(topic.name(), 1, replicationFactor).configs(expiryConfig(topic));
    }
    if (topic.compacted()) {
      return new NewTopic(topic.name(), 1, replicationFactor)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return new NewTopic(topic.name(), topic.onePartition() ? 1 : partitions, replicationFactor);
  }
}
