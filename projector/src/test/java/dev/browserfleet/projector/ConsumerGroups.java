package dev.browserfleet.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What consumer groups on the shared broker have committed. */
public final class ConsumerGroups {

  private ConsumerGroups() {}

  /**
   * Waits until {@code group} has committed every record now on {@code topics}: the records
   * produced before the call have all been applied.
   */
  public static void awaitCaughtUp(String group, Duration timeout, List<String> topics) {
    try (var admin =
        Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
      var latest = new HashMap<TopicPartition, OffsetSpec>();
      admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
          .forEach((topic, description) -> description.partitions().forEach(
              p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      var ends = new HashMap<TopicPartition, Long>();
      admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      await().atMost(timeout).ignoreExceptions().untilAsserted(() -> {
        var committed = call(() -> admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS));
        ends.forEach((tp, end) -> {
          long at = committed.get(tp) == null ? 0 : committed.get(tp).offset();
          assertThat(at).as("offset of %s committed by %s", tp, group).isGreaterThanOrEqualTo(end);
        });
      });
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the offsets of " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface AdminCall<T> {
    T get() throws ExecutionException, TimeoutException, InterruptedException;
  }

  private static <T> T call(AdminCall<T> call) {
    try {
      return call.get();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
