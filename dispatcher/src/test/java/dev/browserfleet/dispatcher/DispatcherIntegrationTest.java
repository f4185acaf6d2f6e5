package dev.browserfleet.dispatcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** The dispatcher service against a real broker: exactly-once processing, real topics. */
class DispatcherIntegrationTest {

  @TempDir static Path stateDir;
  private static ConfigurableApplicationContext context;
  private static String bootstrap;

  @BeforeAll
  static void startDispatcher() {
    bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    TestKafka.createTopics(java.util.List.of(Topics.BROWSER_TYPES));
    for (BrowserType type : SeedBrowserTypes.all()) {
      TestKafka.send(Topics.BROWSER_TYPES, Integer.toString(type.id()), type);
    }
    // Arguments, not default properties: those rank below the module's @PropertySource.
    context = new SpringApplicationBuilder(DispatcherApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--browserfleet.dispatcher.state-dir=" + stateDir,
            "--browserfleet.allow-private-targets=true");
    var health = context.getBean("dispatcherHealth", HealthIndicator.class);
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> health.health().getStatus().equals(Status.UP));
  }

  @AfterAll
  static void stopDispatcher() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void aJobProducedStraightToKafkaIsAcceptedAndQueuedAfterAHundredGarbageRecords() {
    for (int i = 0; i < 100; i++) {
      TestKafka.sendRaw(Topics.JOB_COMMANDS.name(), "garbage-" + i, ("{\"nope\": " + i).getBytes(UTF_8));
    }
    var id = JobId.random();
    String json = """
        {"type":"job.submit","jobId":"%s","browserTypeId":1,"targetUrl":"http://127.0.0.1:1/",
         "actions":[{"action":"screenshot"}],"priority":10}""".formatted(id);
    TestKafka.sendRaw(Topics.JOB_COMMANDS.name(), id.toString(), json.getBytes(UTF_8));

    try (var events = TopicProbe.of(Topics.JOB_EVENTS, bootstrap);
        var lane = TopicProbe.of(Topics.lane(new Lane(Engine.CHROMIUM, "low")), bootstrap);
        var dead = TopicProbe.of(Topics.DEAD_LETTERS, bootstrap)) {
      JobEvent accepted = events.awaitOne(e -> e.jobId().equals(id), Duration.ofSeconds(30));
      assertThat(accepted).isInstanceOf(JobAccepted.class);
      JobAssignment queued = lane.awaitOne(a -> a.jobId().equals(id), Duration.ofSeconds(30));
      assertThat(queued.browserType().name()).isEqualTo("Chromium");

      // The dead-letter topic holds every garbage record, each with its reason.
      var garbage = dead.await(v -> true, 100, Duration.ofSeconds(30));
      assertThat(garbage).hasSizeGreaterThanOrEqualTo(100);
      var first = dead.records().stream().filter(r -> "garbage-0".equals(r.key())).findFirst().orElseThrow();
      assertThat(new String(first.headers().lastHeader(DeadLetterHeaders.REASON).value(), UTF_8)).contains("not JSON");
    }
  }

  @Test
  void anInvalidCommandBecomesARejectionNamingTheField() {
    var id = JobId.random();
    String json = """
        {"type":"job.submit","jobId":"%s","browserTypeId":42,"targetUrl":"https://example.com/","actions":[]}"""
        .formatted(id);
    TestKafka.sendRaw(Topics.JOB_COMMANDS.name(), id.toString(), json.getBytes(UTF_8));
    try (var events = TopicProbe.of(Topics.JOB_EVENTS, bootstrap)) {
      JobEvent event = events.awaitOne(e -> e.jobId().equals(id), Duration.ofSeconds(30));
      assertThat(event).isInstanceOfSatisfying(JobRejected.class, r -> {
        assertThat(r.field()).isEqualTo("browserTypeId");
        assertThat(r.reason()).isEqualTo("no active browser type 42");
      });
    }
  }
}
