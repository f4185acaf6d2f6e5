package dev.browserfleet.projector.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.kafka.IdleConsumers;
import dev.browserfleet.kafka.TopicProvisioner;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.projector.persistence.ProjectionStore;
import dev.browserfleet.projector.persistence.WebhookRows;
import dev.browserfleet.projector.projection.EventChecks;
import dev.browserfleet.projector.projection.UrlPolicyRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The projector's consumers: one per topic, so that a topic waiting for another (job events
 * waiting for a browser type) never blocks the one it waits for. All are in group {@code
 * bf-projector}, read only committed records (the dispatcher writes transactionally), apply each
 * poll in one database transaction and commit its offsets after it.
 *
 * <p>Its consumer and producer factories are deliberately not beans: in the one-JVM dev launcher
 * a bean of those types would replace Spring Boot's defaults for the other services.
 */
@Component
public class ProjectorConsumers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProjectorConsumers.class);

  /** How often each consumer commits what it projected. */
  static final Duration OFFSET_COMMIT_INTERVAL = Duration.ofSeconds(1);

  /** The topics this service reads or writes, created at start-up if missing. */
  static final List<Topic<?>> TOPICS =
      List.of(
          Topics.JOB_EVENTS,
          Topics.WORKER_EVENTS,
          Topics.BROWSER_TYPES,
          Topics.API_KEYS,
          Topics.API_KEY_USAGE,
          Topics.URL_POLICIES,
          Topics.WEBHOOK_DELIVERIES,
          Topics.DEAD_LETTERS);

  private final ProjectorProperties properties;
  private final KafkaProperties kafka;
  private final ProjectionStore store;
  private final WebhookRows webhooks;
  // From a job event's production by the dispatcher to its row committed.
  private final Timer projected;
  private final List<Running> consumers = new CopyOnWriteArrayList<>();
  private DeadLetterPublisher deadLetters;
  private volatile boolean running;

  public ProjectorConsumers(
      ProjectorProperties properties, KafkaProperties kafka, ProjectionStore store, WebhookRows webhooks,
      MeterRegistry meters) {
    this.properties = properties;
    this.kafka = kafka;
    this.store = store;
    this.webhooks = webhooks;
    this.projected = Timer.builder("browserfleet.job.stage")
        .description("Where each job's time goes: queued, browser_open, action, artifact_stored, reported, projected")
        .tag("stage", "projected")
        .tag("engine", "none")
        .tag("action", "none")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(meters);
  }

  /**
   * How one consumer is doing, for the health indicator.
   *
   * @param retryingBecause why its current batch failed while it is being retried, else null
   */
  public record ConsumerStatus(
      String topic, boolean running, boolean joined, int partitions, String retryingBecause) {}

  private record Running(
      Topic<?> topic, KafkaMessageListenerContainer<byte[], byte[]> container,
      AssignmentTracker assignments, ProjectionBatchListener<?> listener) {}

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    Map<String, Object> client = clientProperties();
    try (var admin = Admin.create(client)) {
      TopicProvisioner.ensure(
          admin, TOPICS, properties.topicPartitions(), properties.topicReplicationFactor());
    }
    deadLetters = new DeadLetterPublisher(client);
    try {
      consumers.add(consume(client, Topics.JOB_EVENTS,
          new ProjectionBatchListener<>(Topics.JOB_EVENTS, EventChecks::problem, store::applyJobEvents, deadLetters)
              .onProjected(millis -> projected.record(millis, TimeUnit.MILLISECONDS))));
      consumers.add(
          consume(client, Topics.WORKER_EVENTS, EventChecks::problem, store::applyWorkerEvents));
      consumers.add(
          consume(client, Topics.BROWSER_TYPES, EventChecks::problem, store::applyBrowserTypes));
      consumers.add(consume(client, Topics.API_KEYS, EventChecks::problem, store::applyApiKeys));
      consumers.add(consume(client, Topics.API_KEY_USAGE, EventChecks::problem, store::applyApiKeyUsage));
      consumers.add(consume(client, Topics.WEBHOOK_DELIVERIES, delivery -> Optional.empty(), webhooks::applyDeliveries));
      consumers.add(
          consume(
              client,
              Topics.URL_POLICIES,
              new ProjectionBatchListener<>(
                  Topics.URL_POLICIES.name(), ProjectorConsumers::urlPolicyRecord, EventChecks::problem,
                  store::applyUrlPolicies, deadLetters)));
    } catch (RuntimeException e) {
      stopConsumers();
      throw e;
    }
    running = true;
    log.info("Projector consuming {} as group {}", consumers.stream().map(Running::topic).toList(),
        properties.groupId());
  }

  private <V> Running consume(
      Map<String, Object> client,
      Topic<V> topic,
      Function<V, Optional<String>> check,
      Consumer<List<V>> apply) {
    return consume(client, topic, new ProjectionBatchListener<>(topic, check, apply, deadLetters));
  }

  /** A URL policy's state, or its deletion when the record is a tombstone. */
  private static UrlPolicyRecord urlPolicyRecord(ConsumerRecord<byte[], byte[]> record) {
    UUID id;
    try {
      id = UUID.fromString(new String(record.key() == null ? new byte[0] : record.key(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("the record key is not a URL policy id", e);
    }
    UrlPolicy policy = record.value() == null ? null : JsonCodec.decode(record.value(), UrlPolicy.class);
    return new UrlPolicyRecord(id, policy);
  }

  private Running consume(Map<String, Object> client, Topic<?> topic, ProjectionBatchListener<?> listener) {
    var consumerFactory =
        new DefaultKafkaConsumerFactory<>(
            consumerConfig(client, topic.name()), new ByteArrayDeserializer(), new ByteArrayDeserializer());

    var assignments = new AssignmentTracker();
    var containerProperties = new ContainerProperties(topic.name());
    containerProperties.setMessageListener(listener);
    // Offsets are committed once a second, not after every poll (an offset commit each for the
    // six consumers after each job's events): a restart re-reads at most that second of records,
    // and every write of the projection is idempotent.
    containerProperties.setAckMode(AckMode.TIME);
    containerProperties.setAckTime(OFFSET_COMMIT_INTERVAL.toMillis());
    containerProperties.setPollTimeout(properties.pollTimeout().toMillis());
    containerProperties.setConsumerRebalanceListener(assignments);

    var container = new KafkaMessageListenerContainer<>(consumerFactory, containerProperties);
    container.setBeanName("projector-" + topic.name());
    container.setCommonErrorHandler(new DefaultErrorHandler(retryBackOff()));
    container.start();
    return new Running(topic, container, assignments, listener);
  }

  /** The configuration of the consumer of {@code topic}. */
  Map<String, Object> consumerConfig(Map<String, Object> client, String topic) {
    var config = new HashMap<>(client);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-" + topic);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IdleConsumers.FETCH_MAX_WAIT_MS);
    config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, IdleConsumers.GROUP_RETRY_BACKOFF_MS);
    // A static member killed and started again takes its partitions back at once.
    properties.staticMemberOf(topic)
        .ifPresent(id -> config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    return config;
  }

  /** Never gives up: a projection that skipped a batch would be wrong for good. */
  private ExponentialBackOff retryBackOff() {
    var retry = properties.retry();
    var backOff =
        new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    return backOff;
  }

  Map<String, Object> clientProperties() {
    var client = new HashMap<String, Object>(kafka.buildAdminProperties());
    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    client.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    return client;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    stopConsumers();
  }

  private void stopConsumers() {
    // Stop all at once: each may be in a poll of up to pollTimeout.
    var stopped = new CountDownLatch(consumers.size());
    consumers.forEach(c -> c.container().stop(stopped::countDown));
    try {
      if (!stopped.await(properties.pollTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        log.warn("Projector consumers did not all stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumers.clear();
    if (deadLetters != null) {
      deadLetters.close();
      deadLetters = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** One entry per consumer; empty until started. */
  public List<ConsumerStatus> status() {
    return consumers.stream()
        .map(
            c ->
                new ConsumerStatus(
                    c.topic().name(),
                    c.container().isRunning(),
                    c.assignments().joined(),
                    c.assignments().partitions(),
                    c.listener().failing().orElse(null)))
        .toList();
  }
}
