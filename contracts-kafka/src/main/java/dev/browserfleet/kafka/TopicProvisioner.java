package dev.browserfleet.kafka;

import dev.browserfleet.contracts.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service needs if they are missing. Every service calls it for its own
 * topics at start-up, so that any of them can start first; creating an existing topic is a no-op.
 */
public final class TopicProvisioner {

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
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list or create topics: " + e.getMessage(), e);
    }
  }

  private static NewTopic newTopic(Topic<?> topic, int partitions, short replicationFactor) {
    if (topic.compacted()) {
      return new NewTopic(topic.name(), 1, replicationFactor)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return new NewTopic(topic.name(), topic.onePartition() ? 1 : partitions, replicationFactor);
  }
}
