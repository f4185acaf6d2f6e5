package dev.browserfleet.worker.config;

import dev.browserfleet.worker.execution.StageTimes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker's stage times as the histogram {@code browserfleet_job_stage_seconds{stage, engine,
 * action}}, with buckets, so that Prometheus can give percentiles of each stage. The projector
 * records its {@code projected} stage in the same family.
 */
final class StageHistograms implements StageTimes {

  static final String NAME = "browserfleet.job.stage";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  StageHistograms(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(Stage stage, String engine, String action, long nanos) {
    String actionTag = action == null ? "none" : action;
    Timer timer = timers.computeIfAbsent(stage.metricName() + '|' + engine + '|' + actionTag,
        key -> Timer.builder(NAME)
            .description("Where each job's time goes: queued, browser_open, action, artifact_stored, reported, projected")
            .tag("stage", stage.metricName())
            .tag("engine", engine)
            .tag("action", actionTag)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry));
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
