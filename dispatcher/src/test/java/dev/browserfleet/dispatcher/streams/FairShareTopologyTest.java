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
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** The fair share in the dispatcher's topology: jobs reach their lane only as slots free up, in turns. */
class FairShareTopologyTest {

  private static final WorkerId SLOT = WorkerId.ofSlot("w1", "chromium", 0);

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> commands;
  private TestInputTopic<String, byte[]> reports;
  private TestOutputTopic<String, byte[]> events;
  private TestOutputTopic<String, byte[]> lane;

  @BeforeEach
  void startTopology() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fair-share-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(DispatcherTopology.build(DispatcherTopologyTest.SETTINGS), props, DispatcherTopologyTest.T0);
    var keys = new StringSerializer();
    var bytes = new ByteArraySerializer();
    commands = driver.createInputTopic(Topics.JOB_COMMANDS.name(), keys, bytes);
    reports = driver.createInputTopic(Topics.ATTEMPT_REPORTS.name(), keys, bytes);
    events = driver.createOutputTopic(Topics.JOB_EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
    lane = driver.createOutputTopic("bf.lane.chromium.normal", new StringDeserializer(), new ByteArrayDeserializer());
    var types = driver.createInputTopic(Topics.BROWSER_TYPES.name(), keys, bytes);
    for (BrowserType type : SeedBrowserTypes.all()) {
      types.pipeInput(Integer.toString(type.id()), JsonCodec.encode(type));
    }
    // One live Chromium slot.
    driver.createInputTopic(Topics.WORKER_EVENTS.name(), keys, bytes).pipeInput(SLOT.toString(), JsonCodec.encode(
        new WorkerHeartbeat(UUID.randomUUID(), SLOT, DispatcherTopologyTest.T0, "w1", Engine.CHROMIUM, WorkerStatus.IDLE,
            null, null, DispatcherTopologyTest.T0)));
  }

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  private JobId submit(String client) {
    var id = JobId.random();
    commands.pipeInput(id.toString(), """
        {"type":"job.submit","jobId":"%s","clientId":"%s","browserTypeId":1,"targetUrl":"https://example.com/",
         "actions":[{"action":"screenshot"}],"priority":50,"maxRetries":0}
        """.formatted(id, client).getBytes(UTF_8));
    return id;
  }

  private List<JobId> onLane() {
    return lane.readValuesToList().stream().map(b -> JsonCodec.decode(b, JobAssignment.class).jobId()).toList();
  }

  private List<JobEvent> readEvents() {
    return events.readValuesToList().stream().map(v -> JsonCodec.decode(v, JobEvent.class)).toList();
  }

  private static List<String> kindsOf(List<JobEvent> all, JobId id) {
    return all.stream().filter(e -> e.jobId().equals(id)).map(e -> e.getClass().getSimpleName()).toList();
  }

  private void runToTheEnd(JobId id) {
    reports.pipeInput(id.toString(), JsonCodec.encode(new AttemptStarted(UUID.randomUUID(), id, 1, SLOT, DispatcherTopologyTest.T0)));
    reports.pipeInput(id.toString(), JsonCodec.encode(new AttemptSucceeded(UUID.randomUUID(), id, 1, SLOT,
        DispatcherTopologyTest.T0, new JobResult(List.of(), null, null, null, null))));
  }

  @Test
  void onlyAsManyJobsGoOnTheLaneAsThereAreSlotsAndAnotherClientsJobGoesNext() {
    var a = new ArrayList<JobId>();
    for (int i = 0; i < 5; i++) {
      a.add(submit("a"));
    }
    JobId b = submit("b");
    assertThat(onLane()).containsExactly(a.get(0));

    runToTheEnd(a.get(0));

    assertThat(onLane()).as("b's one job before a's four others").containsExactly(b);
    runToTheEnd(b);
    assertThat(onLane()).containsExactly(a.get(1));
  }

  @Test
  void aCommandPastItsClientsMaxQueuedJobsFailsNamingTheLimit() {
    var key = new ApiKey(UUID.randomUUID(), "0".repeat(64), "c", "limited", ApiKeyStatus.ACTIVE, 100, true, null,
        DispatcherTopologyTest.T0, DispatcherTopologyTest.T0, null, null, 1, null, null);
    driver.createInputTopic(Topics.API_KEYS.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(key.id().toString(), JsonCodec.encode(key));
    JobId running = submit("c");
    JobId queued = submit("c");
    JobId refused = submit("c");

    List<JobEvent> all = readEvents();

    assertThat(onLane()).containsExactly(running);
    assertThat(kindsOf(all, queued)).containsExactly("JobAccepted");
    assertThat(kindsOf(all, refused)).containsExactly("JobAccepted", "JobFailed");
    JobFailed failed = (JobFailed) all.stream().filter(e -> e.jobId().equals(refused) && e instanceof JobFailed).findFirst().orElseThrow();
    assertThat(failed.reason()).contains("client c has 1 pending job(s)").contains("maxQueuedJobs");
  }

  @Test
  void aLimitSetAfterTheFairShareReadTheKeysHoldsForTheNextCommand() {
    JobId running = submit("d");
    JobId queued = submit("d"); // the fair share has read the keys (none of d's) for both
    var key = new ApiKey(UUID.randomUUID(), "0".repeat(64), "d", "limited later", ApiKeyStatus.ACTIVE, 100, true, null,
        DispatcherTopologyTest.T0, DispatcherTopologyTest.T0, null, null, 1, null, null);
    driver.createInputTopic(Topics.API_KEYS.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(key.id().toString(), JsonCodec.encode(key));
    JobId refused = submit("d");

    List<JobEvent> all = readEvents();

    assertThat(onLane()).containsExactly(running);
    assertThat(kindsOf(all, queued)).containsExactly("JobAccepted");
    assertThat(kindsOf(all, refused)).containsExactly("JobAccepted", "JobFailed");
  }

  @Test
  void aCancelledHeldJobNeverReachesTheLane() {
    JobId first = submit("a");
    JobId second = submit("a");
    commands.pipeInput(second.toString(),
        ("{\"type\":\"job.cancel\",\"jobId\":\"" + second + "\",\"clientId\":\"a\"}").getBytes(UTF_8));

    runToTheEnd(first);
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    assertThat(onLane()).containsExactly(first);
  }
}
