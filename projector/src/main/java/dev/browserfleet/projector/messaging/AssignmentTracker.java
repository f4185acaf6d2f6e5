package dev.browserfleet.projector.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * What one consumer was given by its group. Having joined the group counts as ready even with no
 * partition: with several projector instances, some get none of a one-partition topic.
 */
final class AssignmentTracker implements ConsumerAwareRebalanceListener {

  private final Set<TopicPartition> assigned = new HashSet<>();
  private boolean joined;

  @Override
  public synchronized void onPartitionsAssigned(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    joined = true;
  }

  @Override
  public synchronized void onPartitionsRevokedAfterCommit(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  @Override
  public synchronized void onPartitionsLost(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  synchronized boolean joined() {
    return joined;
  }

  synchronized int partitions() {
    return assigned.size();
  }
}
