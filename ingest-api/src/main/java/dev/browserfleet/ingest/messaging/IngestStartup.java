package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.ingest.publish.RecordPublisher;
import dev.browserfleet.kafka.CompactedTopicReader;
import dev.browserfleet.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The start-up duties that need the broker: create the topics, publish missing seed browser
 * types, then start following {@code bf.api-keys} and {@code bf.url-policies}, and tailing
 * {@code bf.job-commands} for the jobs other replicas accept. They run on their own thread and are retried
 * until the broker answers, so the service can start before Kafka does (as in docker-compose);
 * the health indicator stays DOWN until they are done.
 */
public final class IngestStartup implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IngestStartup.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(15);

  /** Where start-up stands, for the health indicator. */
  public record Progress(
      boolean topicsReady,
      boolean browserTypesSeeded,
      boolean apiKeysCaughtUp,
      boolean urlPoliciesCaughtUp,
      String problem) {

    public boolean ready() {
      return topicsReady && browserTypesSeeded && apiKeysCaughtUp && urlPoliciesCaughtUp;
    }
  }

  private final String bootstrapServers;
  private final int partitions;
  private final short replicationFactor;
  private final Duration timeout;
  private final RecordPublisher publisher;
  private final CompactedTopicReader<ApiKey> apiKeyReader;
  private final CompactedTopicReader<UrlPolicy> urlPolicyReader;
  private final SubmissionTail submissionTail;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Thread thread;
  private volatile boolean topicsReady;
  private volatile boolean browserTypesSeeded;
  private volatile String problem;

  public IngestStartup(
      String bootstrapServers,
      int partitions,
      short replicationFactor,
      Duration timeout,
      RecordPublisher publisher,
      CompactedTopicReader<ApiKey> apiKeyReader,
      CompactedTopicReader<UrlPolicy> urlPolicyReader,
      SubmissionTail submissionTail) {
    this.bootstrapServers = bootstrapServers;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.publisher = publisher;
    this.apiKeyReader = apiKeyReader;
    this.urlPolicyReader = urlPolicyReader;
    this.submissionTail = submissionTail;
  }

  public Progress progress() {
    String readerFailure = apiKeyReader.failure() != null ? apiKeyReader.failure() : urlPolicyReader.failure();
    return new Progress(
        topicsReady, browserTypesSeeded, apiKeyReader.caughtUp(), urlPolicyReader.caughtUp(),
        readerFailure != null ? readerFailure : problem);
  }

  @Override
  public synchronized void start() {
    if (thread == null) {
      thread = new Thread(this::run, "ingest-api-startup");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void stop() {
    stopping.countDown();
    Thread startup = thread;
    if (startup != null) {
      // Cuts short a broker call that would otherwise wait out its timeout.
      startup.interrupt();
      try {
        startup.join(timeout.plusSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    apiKeyReader.close();
    urlPolicyReader.close();
    submissionTail.close();
  }

  /** Stops everything this started, also when the context closes without stopping its lifecycle beans. */
  public void close() {
    stop();
  }

  @Override
  public boolean isRunning() {
    return thread != null && stopping.getCount() > 0;
  }

  private void run() {
    Duration pause = FIRST_RETRY;
    while (stopping.getCount() > 0) {
      try {
        if (!topicsReady) {
          createTopics();
          topicsReady = true;
        }
        if (!browserTypesSeeded) {
          BrowserTypeSeeder.seed(bootstrapServers, publisher, timeout);
          browserTypesSeeded = true;
        }
        problem = null;
        if (stopping.getCount() > 0) {
          apiKeyReader.start();
          urlPolicyReader.start();
          submissionTail.start();
        }
        return;
      } catch (RuntimeException e) {
        if (stopping.getCount() == 0) {
          log.debug("Start-up cut short by shutdown: {}", e.toString());
          return;
        }
        problem = e.getMessage();
        log.warn("Start-up against Kafka at {} not done yet ({}); retrying in {}", bootstrapServers, e.getMessage(), pause);
      }
      if (await(pause)) {
        return;
      }
      pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
    }
  }

  private void createTopics() {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-api-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis())))) {
      TopicProvisioner.ensure(admin, IngestTopics.ALL, partitions, replicationFactor);
    }
  }

  /** Waits {@code pause}; true when asked to stop meanwhile. */
  private boolean await(Duration pause) {
    try {
      return stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
