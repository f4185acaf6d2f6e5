package dev.browserfleet.dispatcher.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dispatcher's topology costs a job (its admission, the fair share's two notices, the
 * worker's start and outcome) with as many API keys as a service with many clients has. No broker:
 * the topology alone, in this thread. A benchmark that prints numbers, not a test of a speed; its
 * name keeps it out of the suite:
 * {@code ./mvnw -o -q -pl dispatcher -am test -Dtest=FairShareBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FairShareBench {

  private static final WorkerId SLOT = WorkerId.ofSlot("w1", "chromium", 0);
  private static final int JOBS = 400;

  @TempDir Path stateDir;

  @Test
  void aJobsCostInTheTopologyByNumberOfApiKeys() {
    for (int keys : List.of(0, 1_000, 5_000, 0, 1_000, 5_000)) {
      double msPerJob = msPerJob(keys, stateDir.resolve("keys-" + keys + "-" + System.nanoTime()));
      System.out.printf("bench: fair share: %,d API keys: %.3f ms of the topology a job (%d jobs)%n", keys, msPerJob, JOBS);
    }
  }

  private static double msPerJob(int keyCount, Path dir) {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fair-share-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    try (var driver = new TopologyTestDriver(DispatcherTopology.build(DispatcherTopologyTest.SETTINGS), props,
        DispatcherTopologyTest.T0)) {
      var keys = new StringSerializer();
      var bytes = new ByteArraySerializer();
      var types = driver.createInputTopic(Topics.BROWSER_TYPES.name(), keys, bytes);
      for (BrowserType type : SeedBrowserTypes.all()) {
        types.pipeInput(Integer.toString(type.id()), JsonCodec.encode(type));
      }
      driver.createInputTopic(Topics.WORKER_EVENTS.name(), keys, bytes).pipeInput(SLOT.toString(), JsonCodec.encode(
          new WorkerHeartbeat(UUID.randomUUID(), SLOT, DispatcherTopologyTest.T0, "w1", Engine.CHROMIUM,
              WorkerStatus.IDLE, null, null, DispatcherTopologyTest.T0)));
      var apiKeys = driver.createInputTopic(Topics.API_KEYS.name(), keys, bytes);
      for (int i = 0; i < keyCount; i++) {
        var key = new ApiKey(UUID.randomUUID(), "0".repeat(64), "client-" + i, "key " + i, ApiKeyStatus.ACTIVE, 100,
            true, null, DispatcherTopologyTest.T0, DispatcherTopologyTest.T0, null, 10, 100, null, null);
        apiKeys.pipeInput(key.id().toString(), JsonCodec.encode(key));
      }
      var commands = driver.createInputTopic(Topics.JOB_COMMANDS.name(), keys, bytes);
      var reports = driver.createInputTopic(Topics.ATTEMPT_REPORTS.name(), keys, bytes);
      var lane = driver.createOutputTopic("bf.lane.chromium.normal", new StringDeserializer(), new ByteArrayDeserializer());
      long start = System.nanoTime();
      for (int i = 0; i < JOBS; i++) {
        var id = JobId.random();
        commands.pipeInput(id.toString(), """
            {"type":"job.submit","jobId":"%s","clientId":"client-7","browserTypeId":1,"targetUrl":"https://example.com/",
             "actions":[{"action":"screenshot"}],"priority":50,"maxRetries":0}
            """.formatted(id).getBytes(UTF_8));
        reports.pipeInput(id.toString(), JsonCodec.encode(new AttemptStarted(UUID.randomUUID(), id, 1, SLOT,
            DispatcherTopologyTest.T0)));
        reports.pipeInput(id.toString(), JsonCodec.encode(new AttemptSucceeded(UUID.randomUUID(), id, 1, SLOT,
            DispatcherTopologyTest.T0, new JobResult(List.of(), null, null, null, null))));
      }
      double ms = (System.nanoTime() - start) / 1e6 / JOBS;
      assertThat(lane.readValuesToList()).as("every job went onto the lane").hasSize(JOBS);
      return ms;
    }
  }
}
