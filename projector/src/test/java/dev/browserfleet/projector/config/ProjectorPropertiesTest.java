package dev.browserfleet.projector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

class ProjectorPropertiesTest {

  @Configuration
  @EnableConfigurationProperties(ProjectorProperties.class)
  @PropertySource("classpath:browserfleet/projector.properties")
  static class WithTheModulesDefaults {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(WithTheModulesDefaults.class);

  @Test
  void theModulesPropertiesFileGivesTheDocumentedDefaults() {
    runner.run(context -> {
      var properties = context.getBean(ProjectorProperties.class);
      assertThat(properties.groupId()).isEqualTo("bf-projector");
      assertThat(properties.maxPollRecords()).isEqualTo(500);
      assertThat(properties.pollTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(properties.retry().initialInterval()).isEqualTo(Duration.ofMillis(500));
      assertThat(properties.retry().maxInterval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.topicPartitions()).isEqualTo(3);
      assertThat(properties.topicReplicationFactor()).isEqualTo((short) 1);
      assertThat(properties.workerOfflineAfter()).isEqualTo(Duration.ofMinutes(1));
      assertThat(properties.workerSweepInterval()).isEqualTo(Duration.ofSeconds(10));
      assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
      assertThat(properties.retentionInterval()).isEqualTo(Duration.ofHours(1));
      assertThat(properties.retentionBatchSize()).isEqualTo(1000);
    });
  }

  @Test
  void theSharedReplicationFactorIsUsedForTheTopics() {
    runner
        .withPropertyValues("browserfleet.kafka.replication-factor=3")
        .run(context ->
            assertThat(context.getBean(ProjectorProperties.class).topicReplicationFactor())
                .isEqualTo((short) 3));
  }

  @Test
  void aRetentionOfNothingFailsStartUpRatherThanDeletingEveryJob() {
    runner
        .withPropertyValues("browserfleet.projector.retention=0s")
        .run(context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("retention"));
  }

  @Test
  void anInvalidValueFailsStartUpNamingTheProperty() {
    runner
        .withPropertyValues("browserfleet.projector.max-poll-records=0")
        .run(context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("maxPollRecords"));
  }
}
