package dev.browserfleet.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;

class WorkerPropertiesTest {

  @EnableConfigurationProperties(WorkerProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Config.class);

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    runner.run(context -> {
      var properties = context.getBean(WorkerProperties.class);
      assertThat(properties.engines()).containsExactly(Engine.CHROMIUM);
      assertThat(properties.slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(properties.recycleAfterJobs()).isEqualTo(50);
      assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
      assertThat(properties.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
      assertThat(properties.instance()).endsWith("-" + ProcessHandle.current().pid());
      assertThat(properties.chromium().driverPath()).isEqualTo(Path.of("/usr/bin/chromedriver"));
      assertThat(properties.mobileDeviceScaleFactor()).isEqualTo(3.0);
      assertThat(properties.defaultActionTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(properties.remote()).isEmpty();
    });
  }

  @Test
  void enginesAndRemoteEndpointsBindByWireName() {
    runner.withPropertyValues(
            "browserfleet.worker.engines=chromium,webkit",
            "browserfleet.worker.remote.webkit=http://grid:4444",
            "browserfleet.worker.slots=",
            "browserfleet.worker.instance=")
        .run(context -> {
          var properties = context.getBean(WorkerProperties.class);
          assertThat(properties.engines()).containsExactly(Engine.CHROMIUM, Engine.WEBKIT);
          assertThat(properties.remote()).containsEntry(Engine.WEBKIT, URI.create("http://grid:4444"));
          assertThat(properties.slots()).isPositive();
          assertThat(properties.instance()).isNotBlank();
        });
  }

  @Test
  void aFirefoxRemoteAgentGetsOneSlotAndAskingForMoreFailsStartUp() {
    runner.withPropertyValues("browserfleet.worker.remote.firefox=ws://firefox-host:9222", "browserfleet.worker.slots=4")
        .run(context -> {
          var properties = context.getBean(WorkerProperties.class);
          assertThat(properties.slotsOf(Engine.FIREFOX)).isEqualTo(1);
          assertThat(properties.engineSlots()).containsEntry(Engine.FIREFOX, 1);
          assertThat(properties.slotsOf(Engine.CHROMIUM)).isEqualTo(4);
        });
    runner.withPropertyValues("browserfleet.worker.remote.firefox=http://grid:4444", "browserfleet.worker.slots=4")
        .run(context -> assertThat(context.getBean(WorkerProperties.class).slotsOf(Engine.FIREFOX)).isEqualTo(4));
    runner.withPropertyValues("browserfleet.worker.remote.firefox=ws://firefox-host:9222",
            "browserfleet.worker.engine-slots.firefox=2")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("engine-slots.firefox must be 1");
        });
  }

  @Test
  void aBadValueFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("browserfleet.worker.slots=0", "browserfleet.worker.engines=")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("slots");
        });
  }

  @Test
  void anUnknownEngineFailsStartUp() {
    runner.withPropertyValues("browserfleet.worker.engines=opera")
        .run(context -> assertThat(context).hasFailed());
  }
}
