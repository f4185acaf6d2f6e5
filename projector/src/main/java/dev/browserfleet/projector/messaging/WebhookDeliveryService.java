package dev.browserfleet.projector.messaging;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.webhook.WebhookSecretCipher;
import dev.browserfleet.kafka.CompactedTopicReader;
import dev.browserfleet.kafka.IdleConsumers;
import dev.browserfleet.kafka.TopicProvisioner;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.projector.config.WebhookProperties;
import dev.browserfleet.projector.outbound.CallbackClient;
import dev.browserfleet.projector.persistence.WebhookRows;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The webhook delivery component, in the projector's process: a {@link WebhookScheduler} that
 * turns job ends into deliveries and a {@link WebhookSender} that makes the attempts, each on a
 * thread and a consumer of its own. Stopping it lets the attempts under way finish and be
 * recorded; starting it again rebuilds what is owed from bf.webhook-deliveries. It does not start
 * without {@code browserfleet.webhooks.secret-key}: without it no callback can be signed.
 */
@Component
public class WebhookDeliveryService implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryService.class);
  private static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

  private final WebhookProperties properties;
  private final ProjectorProperties projector;
  private final KafkaProperties kafka;
  private final WebhookRows rows;
  private final boolean allowPrivate;
  private final Clock clock = Clock.systemUTC();
  private final Map<UUID, ApiKey> keys = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> schedulerConsumer;
  private volatile KafkaConsumer<String, byte[]> senderConsumer;
  private Thread scheduler;
  private Thread sender;
  private KafkaProducer<String, byte[]> producer;
  private CompactedTopicReader<ApiKey> keyReader;
  private CallbackClient client;
  private ExecutorService attempts;

  public WebhookDeliveryService(
      WebhookProperties properties, ProjectorProperties projector, KafkaProperties kafka, WebhookRows rows,
      Environment environment) {
    this.properties = properties;
    this.projector = projector;
    this.kafka = kafka;
    this.rows = rows;
    this.allowPrivate = environment.getProperty("browserfleet.allow-private-targets", Boolean.class, false);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    Optional<WebhookSecretCipher> cipher = properties.cipher();
    if (cipher.isEmpty()) {
      log.info("Webhooks are off: browserfleet.webhooks.secret-key (BF_WEBHOOK_SECRET_KEY) is not set");
      return;
    }
    String bootstrap = String.join(",", kafka.getBootstrapServers());
    try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      TopicProvisioner.ensure(admin, List.<Topic<?>>of(Topics.WEBHOOK_DELIVERIES), projector.topicPartitions(),
          projector.topicReplicationFactor());
    }
    running = true;
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    keyReader = new CompactedTopicReader<>("projector-webhooks-", bootstrap, Topics.API_KEYS,
        key -> keys.merge(key.id(), key, (old, now) -> now.updatedAt() != null && old.updatedAt() != null
            && now.updatedAt().isBefore(old.updatedAt()) ? old : now),
        keys::remove);
    keyReader.start();
    client = new CallbackClient(new TargetAddressPolicy(allowPrivate, TargetAddressPolicy.SYSTEM_DNS),
        TargetAddressPolicy.SYSTEM_DNS, properties.timeout(), clock);
    attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
    scheduler = Thread.ofPlatform().name("webhook-scheduler").start(() -> keepRunning("scheduler", () -> {
      try (var consumer = consumer("scheduler")) {
        schedulerConsumer = consumer;
        new WebhookScheduler(consumer, producer, rows, clock).run(() -> running);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    sender = Thread.ofPlatform().name("webhook-sender").start(() -> keepRunning("sender", () -> {
      try (var consumer = consumer("sender")) {
        senderConsumer = consumer;
        new WebhookSender(consumer, producer, client, id -> Optional.ofNullable(keys.get(id)), cipher.get(),
            properties.backoff(), clock, attempts, keyReader::caughtUp).run(() -> running);
      }
    }));
    log.info("Webhook delivery started (groups {}-scheduler and {}-sender)", properties.groupPrefix(), properties.groupPrefix());
  }

  /** Runs {@code body} again after an unexpected failure (the database or the broker away), until stopped. */
  private void keepRunning(String part, Runnable body) {
    while (running && !Thread.currentThread().isInterrupted()) {
      try {
        body.run();
      } catch (WakeupException e) {
        // stop() woke the consumer up
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.error("Webhook {} failed; starting it again in {}", part, RESTART_PAUSE, e);
        try {
          Thread.sleep(RESTART_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private KafkaConsumer<String, byte[]> consumer(String part) {
    var config = new HashMap<String, Object>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupPrefix() + "-" + part);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.groupPrefix() + "-" + part + "-" + UUID.randomUUID());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IdleConsumers.FETCH_MAX_WAIT_MS);
    config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, IdleConsumers.GROUP_RETRY_BACKOFF_MS);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeUp(schedulerConsumer);
    wakeUp(senderConsumer);
    join(scheduler);
    join(sender);
    attempts.shutdown();
    try {
      // The attempts under way finish and are recorded, so none is made twice after a restart.
      if (!attempts.awaitTermination(properties.timeout().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        log.warn("Webhook attempts still under way after {}; they are made again after the restart", properties.timeout());
        attempts.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
    keyReader.close();
    client.close();
    keys.clear();
    log.info("Webhook delivery stopped");
  }

  private static void wakeUp(KafkaConsumer<String, byte[]> consumer) {
    if (consumer != null) {
      consumer.wakeup();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
