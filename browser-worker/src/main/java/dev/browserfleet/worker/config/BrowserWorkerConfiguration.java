package dev.browserfleet.worker.config;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.artifacts.StoredArtifacts;
import dev.browserfleet.artifacts.config.ArtifactStoreConfiguration;
import dev.browserfleet.worker.browser.ChromiumDriverFactory;
import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.EngineCatalog;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.execution.JobRunner;
import dev.browserfleet.worker.execution.UrlGuard;
import dev.browserfleet.worker.messaging.LaneWorker;
import dev.browserfleet.worker.messaging.WorkerHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Wires the worker. Bean names carry a {@code worker} prefix: in dev one context holds every
 * service, and their beans must not collide.
 */
@Configuration(proxyBeanMethods = false)
@Import(ArtifactStoreConfiguration.class)
class BrowserWorkerConfiguration {

  @Bean
  ArtifactStore workerArtifactStore(dev.browserfleet.artifacts.ArtifactStore artifactStore) {
    return new StoredArtifacts(artifactStore);
  }

  /** Mirrors bf.url-policies for the UrlGuard; started with the context, closed with it. */
  @Bean(initMethod = "start", destroyMethod = "close")
  UrlPolicyFeed workerUrlPolicyFeed(
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${browserfleet.kafka.replication-factor:1}") short replicationFactor) {
    return new UrlPolicyFeed(bootstrapServers, replicationFactor);
  }

  /** Down until the URL policies have been read: before that, the worker would apply none. */
  @Bean
  HealthIndicator workerUrlPolicyHealth(UrlPolicyFeed workerUrlPolicyFeed) {
    return () -> {
      Health.Builder builder = workerUrlPolicyFeed.caughtUp() ? Health.up() : Health.down();
      if (workerUrlPolicyFeed.failure() != null) {
        builder.withDetail("problem", workerUrlPolicyFeed.failure());
      }
      return builder.build();
    };
  }

  /** Its browsers start as soon as it is made, while the rest of the context starts. */
  @Bean(initMethod = "warmUp", destroyMethod = "close")
  LaneWorker workerLaneWorker(
      WorkerProperties properties,
      ArtifactStore workerArtifactStore,
      UrlPolicyFeed workerUrlPolicyFeed,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${browserfleet.allow-private-targets}") boolean allowPrivateTargets,
      @Value("${browserfleet.kafka.replication-factor:1}") short replicationFactor,
      Environment environment,
      MeterRegistry meterRegistry) {
    var chromium = new ChromiumDriverFactory.Settings(
        properties.chromium().driverPath(),
        properties.chromium().binary(),
        properties.chromium().extraArguments(),
        properties.tempDir());
    var webkit = new WebKitDriverFactory.Settings(
        properties.webkit().driverPath(),
        properties.webkit().browserBinary(),
        properties.webkit().xvfbPath(),
        properties.tempDir());
    List<DriverFactory> engines = EngineCatalog.advertised(
        properties.engines(), properties.remote(), new EngineCatalog.LocalDrivers(chromium, webkit,
            new FirefoxBiDiFactory.Settings(properties.firefox().binary(), properties.tempDir())));
    var runner = new JobRunner(
        new UrlGuard(
            new TargetAddressPolicy(allowPrivateTargets, TargetAddressPolicy.SYSTEM_DNS),
            workerUrlPolicyFeed::current),
        workerArtifactStore,
        new JobRunner.Settings(properties.defaultActionTimeout(), properties.mobileDeviceScaleFactor(),
            properties.executeScriptEnabled()),
        new StageHistograms(meterRegistry));
    var settings = new LaneWorker.Settings(
        properties.instance(),
        bootstrapServers,
        properties.slots(),
        properties.recycleAfterJobs(),
        properties.heartbeatInterval(),
        properties.shutdownGrace(),
        properties.lockDuration(),
        3,
        replicationFactor,
        Binder.get(environment).bind(PriorityBands.PROPERTY, Bindable.listOf(PriorityBands.Band.class))
            .map(PriorityBands::new).orElse(PriorityBands.DEFAULT),
        properties.engineSlots());
    return new LaneWorker(settings, engines, runner, Clock.systemUTC());
  }

  @Bean
  BrowserWorkerLifecycle workerLifecycle(LaneWorker workerLaneWorker) {
    return new BrowserWorkerLifecycle(workerLaneWorker);
  }

  /**
   * Slot use for dashboards: {@code browserfleet_worker_slots{engine}} (running slots) and
   * {@code browserfleet_worker_slots_busy{engine}} (those running a job now).
   */
  @Bean
  MeterBinder workerSlotMetrics(LaneWorker workerLaneWorker) {
    return registry -> {
      for (Engine engine : workerLaneWorker.engines()) {
        Gauge.builder("browserfleet.worker.slots", () -> workerLaneWorker.slots(engine))
            .description("Browser slots this worker runs").tag("engine", engine.wireName()).register(registry);
        Gauge.builder("browserfleet.worker.slots.busy", () -> workerLaneWorker.busySlots(engine))
            .description("Browser slots running a job now").tag("engine", engine.wireName()).register(registry);
      }
    };
  }

  /** Down until every advertised engine has all its slots polling with a started browser. */
  @Bean
  HealthIndicator browserWorkerHealth(LaneWorker workerLaneWorker) {
    return () -> {
      WorkerHealth health = workerLaneWorker.health();
      Health.Builder builder = health.isUp() ? Health.up() : Health.down();
      if (!health.running()) {
        builder.withDetail("reason", "not started");
      } else if (health.engines().isEmpty()) {
        builder.withDetail("reason", "no engine can run here (see the start-up log)");
      }
      health.engines().forEach((engine, e) -> builder.withDetail(engine.wireName(), e));
      return builder.build();
    };
  }
}
