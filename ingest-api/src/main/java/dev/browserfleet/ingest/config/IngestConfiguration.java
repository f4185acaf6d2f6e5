package dev.browserfleet.ingest.config;

import dev.browserfleet.artifacts.ArtifactStore;
import dev.browserfleet.artifacts.config.ArtifactStoreProperties;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.ingest.access.AdminCredentials;
import dev.browserfleet.ingest.access.ApiKeyDirectory;
import dev.browserfleet.ingest.job.Callbacks;
import dev.browserfleet.ingest.access.ApiKeyIssuer;
import dev.browserfleet.ingest.access.ApiKeySecrets;
import dev.browserfleet.ingest.access.ApiKeyUsageTracker;
import dev.browserfleet.ingest.access.Authenticator;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.CachedBrowserTypeCatalog;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.ingest.browsertype.BrowserTypeAdmin;
import dev.browserfleet.ingest.fleet.FleetQueries;
import dev.browserfleet.ingest.fleet.FleetStats;
import dev.browserfleet.ingest.job.JobEventStream;
import dev.browserfleet.ingest.job.JobCancellations;
import dev.browserfleet.ingest.job.JobEndWatch;
import dev.browserfleet.ingest.job.JobQueries;
import dev.browserfleet.ingest.job.JobReads;
import dev.browserfleet.ingest.job.JobSubmissions;
import dev.browserfleet.ingest.job.QueueLimits;
import dev.browserfleet.ingest.job.RecentSubmissions;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.kafka.CompactedTopicReader;
import dev.browserfleet.ingest.policy.UrlPolicyAdmin;
import dev.browserfleet.contracts.policy.UrlPolicyDirectory;
import dev.browserfleet.ingest.messaging.ApiKeyUsagePublisher;
import dev.browserfleet.ingest.messaging.SubmissionTail;
import dev.browserfleet.ingest.messaging.BrokerCheck;
import dev.browserfleet.ingest.messaging.IngestStartup;
import dev.browserfleet.ingest.messaging.KafkaRecordPublisher;
import dev.browserfleet.ingest.persistence.PostgresJobEndNotifications;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the ingest-api's plain-Java core to its adapters. Bean names carry an {@code ingest}
 * prefix and no bean has a type another service may also define (Clock, TargetAddressPolicy and
 * such stay private), because the dev launcher runs every service in one context.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  private static final Clock CLOCK = Clock.systemUTC();
  // How stale a browser type may be when a submission is admitted (on top of the projection's lag).
  private static final Duration BROWSER_TYPE_MAX_AGE = Duration.ofSeconds(1);

  @Bean
  AdminCredentials ingestAdminCredentials(IngestProperties properties) {
    var credentials = AdminCredentials.of(properties.adminKey(), new ApiKeySecrets(new SecureRandom()));
    if (credentials.generated()) {
      // Printed, not logged: log files travel further than a terminal. Shown once, by design.
      System.out.println(
          "=== Browserfleet admin key (generated; set BF_ADMIN_KEY to choose one): "
              + credentials.adminKey() + " ===");
    }
    return credentials;
  }

  @Bean
  ApiKeyDirectory ingestApiKeyDirectory() {
    return new ApiKeyDirectory();
  }

  @Bean
  ApiKeyUsageTracker ingestApiKeyUsageTracker() {
    return new ApiKeyUsageTracker();
  }

  @Bean
  Authenticator ingestAuthenticator(AdminCredentials admin, ApiKeyDirectory directory, ApiKeyUsageTracker usage) {
    return new Authenticator(admin, directory, usage, CLOCK);
  }

  // Closed before the publisher it uses (Spring destroys dependents first), with a last flush.
  @Bean(destroyMethod = "close")
  ApiKeyUsagePublisher ingestApiKeyUsagePublisher(
      ApiKeyUsageTracker usage, RecordPublisher publisher, IngestProperties properties) {
    return new ApiKeyUsagePublisher(usage, publisher, properties.usageFlushInterval());
  }

  @Bean(destroyMethod = "close")
  KafkaRecordPublisher ingestRecordPublisher(KafkaProperties kafka, IngestProperties properties) {
    return new KafkaRecordPublisher(bootstrapServers(kafka), properties.publishTimeout());
  }

  @Bean
  ApiKeyIssuer ingestApiKeyIssuer(RecordPublisher publisher, ApiKeyDirectory directory, IngestWebhookProperties webhooks) {
    return new ApiKeyIssuer(new ApiKeySecrets(new SecureRandom()), publisher, directory, CLOCK, webhooks.cipher());
  }

  @Bean
  Callbacks ingestCallbacks(ApiKeyDirectory directory, IngestWebhookProperties webhooks, PlatformProperties platform) {
    var addressPolicy = new TargetAddressPolicy(platform.allowPrivateTargets(), TargetAddressPolicy.SYSTEM_DNS);
    return new Callbacks(addressPolicy, directory::findById, webhooks.cipher().isPresent());
  }

  @Bean(destroyMethod = "close")
  JobEndWatch ingestJobEndWatch(JobQueries queries) {
    return new JobEndWatch(queries::endedAmong);
  }

  @Bean(destroyMethod = "close")
  PostgresJobEndNotifications ingestJobEndNotifications(DataSource dataSource, JobEndWatch watch) {
    return new PostgresJobEndNotifications(dataSource, watch);
  }

  @Bean
  RecentSubmissions ingestRecentSubmissions(IngestProperties properties) {
    var recent = properties.recentSubmissions();
    return new RecentSubmissions(recent.maxEntries(), recent.ttl(), CLOCK);
  }

  @Bean
  JobSubmissions ingestJobSubmissions(
      BrowserTypeCatalog browserTypes,
      RecordPublisher publisher,
      RecentSubmissions recent,
      JobReads reads,
      UrlPolicyDirectory urlPolicies,
      Callbacks callbacks,
      PlatformProperties platform,
      ApiKeyDirectory keys,
      JobQueries queries) {
    var addressPolicy = new TargetAddressPolicy(platform.allowPrivateTargets(), TargetAddressPolicy.SYSTEM_DNS);
    // Every submission names a browser type: read it from memory, not from PostgreSQL each time.
    var recentBrowserTypes = new CachedBrowserTypeCatalog(browserTypes, BROWSER_TYPE_MAX_AGE);
    var queueLimits = new QueueLimits(keys::jobLimitsOf, queries::pendingJobsOf, CLOCK);
    return new JobSubmissions(recentBrowserTypes, addressPolicy, urlPolicies::current, publisher, recent, reads,
        queueLimits, callbacks, CLOCK);
  }

  @Bean(destroyMethod = "close")
  BrokerCheck ingestBrokerCheck(KafkaProperties kafka) {
    return new BrokerCheck(bootstrapServers(kafka));
  }

  @Bean
  HealthIndicator ingestKafkaHealth(BrokerCheck ingestBrokerCheck) {
    return new KafkaHealth(ingestBrokerCheck);
  }

  @Bean
  BrowserTypeAdmin ingestBrowserTypeAdmin(BrowserTypeCatalog catalog, RecordPublisher publisher) {
    return new BrowserTypeAdmin(catalog, catalog::nextId, publisher, CLOCK);
  }

  @Bean
  JobEventStream ingestJobEventStream(JobReads reads, JobQueries queries) {
    return new JobEventStream(reads, queries);
  }

  @Bean
  FleetStats ingestFleetStats(FleetQueries queries, Environment environment) {
    // The same bands as the dispatcher and the workers (browserfleet.lanes.bands), for queue depth per lane.
    PriorityBands bands =
        Binder.get(environment)
            .bind(PriorityBands.PROPERTY, Bindable.listOf(PriorityBands.Band.class))
            .map(PriorityBands::new)
            .orElse(PriorityBands.DEFAULT);
    return new FleetStats(queries, bands, CLOCK);
  }

  @Bean
  UrlPolicyDirectory ingestUrlPolicyDirectory() {
    return new UrlPolicyDirectory();
  }

  @Bean
  UrlPolicyAdmin ingestUrlPolicyAdmin(RecordPublisher publisher, UrlPolicyDirectory directory) {
    return new UrlPolicyAdmin(publisher, directory, CLOCK);
  }

  @Bean
  JobCancellations ingestJobCancellations(JobReads reads, RecordPublisher publisher) {
    return new JobCancellations(reads, publisher, CLOCK);
  }

  @Bean
  JobReads ingestJobReads(
      JobQueries queries, RecentSubmissions recent, SubmissionTail submissionTail, ArtifactStore artifactStore,
      ArtifactStoreProperties artifactSettings) {
    return new JobReads(queries, recent, submissionTail, artifactStore, artifactSettings.s3().presignedDownloads());
  }

  // The readers are started and closed by ingestStartup.
  @Bean(destroyMethod = "")
  CompactedTopicReader<ApiKey> ingestApiKeyTopicReader(KafkaProperties kafka, ApiKeyDirectory directory) {
    return new CompactedTopicReader<>("ingest-api-", bootstrapServers(kafka), Topics.API_KEYS, directory::put, directory::remove);
  }

  @Bean(destroyMethod = "")
  CompactedTopicReader<UrlPolicy> ingestUrlPolicyTopicReader(KafkaProperties kafka, UrlPolicyDirectory directory) {
    return new CompactedTopicReader<>("ingest-api-", bootstrapServers(kafka), Topics.URL_POLICIES, directory::put, directory::remove);
  }

  @Bean
  IngestStartup ingestStartup(
      KafkaProperties kafka,
      PlatformProperties platform,
      IngestProperties properties,
      RecordPublisher publisher,
      CompactedTopicReader<ApiKey> apiKeyReader,
      CompactedTopicReader<UrlPolicy> urlPolicyReader,
      SubmissionTail submissionTail) {
    return new IngestStartup(
        bootstrapServers(kafka),
        platform.kafka().partitions(),
        platform.kafka().replicationFactor(),
        properties.publishTimeout(),
        publisher,
        apiKeyReader,
        urlPolicyReader,
        submissionTail);
  }

  // Started and closed by ingestStartup, once the topics exist.
  @Bean(destroyMethod = "")
  SubmissionTail ingestSubmissionTail(KafkaProperties kafka, RecentSubmissions recent, IngestProperties properties) {
    return new SubmissionTail(bootstrapServers(kafka), recent, properties.recentSubmissions().ttl(), CLOCK);
  }

  private static String bootstrapServers(KafkaProperties kafka) {
    return String.join(",", kafka.getBootstrapServers());
  }
}
