package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.dispatcher.config.DispatcherProperties;
import dev.browserfleet.kafka.IdleConsumers;
import dev.browserfleet.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the dispatcher topology with exactly-once processing for as long as the context lives. */
public final class DispatcherStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DispatcherStreams.class);

  private final DispatcherProperties properties;
  private final DispatcherSettings settings;
  private final String bootstrapServers;
  private volatile KafkaStreams streams;

  public DispatcherStreams(DispatcherProperties properties, DispatcherSettings settings, String bootstrapServers) {
    this.properties = properties;
    this.settings = settings;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public void start() {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicProvisioner.ensure(admin, Topics.all(settings.bands()), 3, properties.replicationFactor());
      // Refusals go to the task that owns the job: partitioned as the commands, whoever made those.
      TopicProvisioner.ensure(admin, List.of(FairShareTopics.NOTICES, FairShareTopics.REFUSALS),
          partitionsOf(admin, Topics.JOB_COMMANDS.name()), properties.replicationFactor());
    }
    var streams = new KafkaStreams(DispatcherTopology.build(settings), streamsConfig());
    streams.setUncaughtExceptionHandler(e -> {
      log.error("Dispatcher stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> log.info("Dispatcher streams {} -> {}", before, now));
    streams.start();
    this.streams = streams;
  }

  /**
   * How many partitions {@code topic} has. Just created (a first start), it may not be in the
   * broker's metadata yet: asked again until it is, for at most 30 s.
   */
  private static int partitionsOf(Admin admin, String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing " + topic, e);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("could not describe " + topic + ": " + e.getMessage(), e);
        }
        sleepBriefly();
      } catch (TimeoutException e) {
        throw new IllegalStateException("could not describe " + topic + ": " + e.getMessage(), e);
      }
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a new topic's metadata", e);
    }
  }

  Properties streamsConfig() {
    var p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(properties.commitInterval().toMillis()));
    p.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(properties.pollInterval().toMillis()));
    p.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(properties.replicationFactor()));
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), IdleConsumers.FETCH_MAX_WAIT_MS);
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG), IdleConsumers.GROUP_RETRY_BACKOFF_MS);
    // A send that meets the previous transaction still completing (CONCURRENT_TRANSACTIONS, about
    // once a job at a 10 ms commit interval) is retried after this; Kafka's 100 ms would add that
    // much to the job's latency.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), "10");
    // Static membership: a restarted instance (after a SIGKILL, say) replaces its dead self in the
    // group at once; without it the group waits out the dead member's session timeout first.
    properties.staticInstanceId().ifPresent(id -> p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    return p;
  }

  public KafkaStreams.State state() {
    var current = streams;
    return current == null ? KafkaStreams.State.CREATED : current.state();
  }

  @Override
  public void stop() {
    var current = streams;
    if (current != null) {
      // Leave the group: otherwise the next instance waits out the old member's session timeout
      // (45 s) before it gets the partitions, and no job moves meanwhile.
      current.close(CloseOptions.timeout(Duration.ofSeconds(30))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      streams = null;
    }
  }

  /** For tests: stops as a killed process looks to the group, gone without leaving it. */
  void closeAsIfKilled() {
    var current = streams;
    if (current != null) {
      current.close(CloseOptions.timeout(Duration.ofSeconds(30))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }
}
