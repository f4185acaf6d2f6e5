package dev.browserfleet.dispatcher.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.time.Duration;
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

/** URL policies from bf.url-policies, a global table, apply to every submission, Kafka-produced ones too. */
class UrlPolicyAdmissionTest {

  private static final TargetAddressPolicy PUBLIC_DNS =
      new TargetAddressPolicy(false, host -> List.of(InetAddress.getByName("93.184.215.14")));
  private static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> commands;
  private TestInputTopic<String, byte[]> policies;
  private TestOutputTopic<String, byte[]> events;

  @BeforeEach
  void startTopology() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-url-policy-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(DispatcherTopology.build(new DispatcherSettings(PriorityBands.DEFAULT, PUBLIC_DNS,
        DispatcherTopologyTest.POLICY, Duration.ofMillis(100))), props);
    var keys = new StringSerializer();
    var bytes = new ByteArraySerializer();
    commands = driver.createInputTopic(Topics.JOB_COMMANDS.name(), keys, bytes);
    policies = driver.createInputTopic(Topics.URL_POLICIES.name(), keys, bytes);
    var browserTypes = driver.createInputTopic(Topics.BROWSER_TYPES.name(), keys, bytes);
    for (BrowserType type : SeedBrowserTypes.all()) {
      browserTypes.pipeInput(Integer.toString(type.id()), JsonCodec.encode(type));
    }
    events = driver.createOutputTopic(Topics.JOB_EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  @Test
  void aBlacklistedTargetIsRejectedNamingThePolicy() {
    UUID policyId = UUID.randomUUID();
    policies.pipeInput(policyId.toString(), JsonCodec.encode(
        new UrlPolicy(policyId, "*.blocked.example", UrlPolicyType.BLACKLIST, null, true, AT, AT)));

    JobEvent outcome = submit("https://www.blocked.example/page");

    assertThat(outcome).isInstanceOfSatisfying(JobRejected.class, r -> {
      assertThat(r.field()).isEqualTo("targetUrl");
      assertThat(r.reason()).contains(policyId.toString());
    });
    assertThat(submit("https://fine.example/")).isInstanceOf(JobAccepted.class);
  }

  @Test
  void aWhitelistDeniesNavigationsOutsideIt() {
    UUID policyId = UUID.randomUUID();
    policies.pipeInput(policyId.toString(), JsonCodec.encode(
        new UrlPolicy(policyId, "shop.example", UrlPolicyType.WHITELIST, null, true, AT, AT)));

    JobEvent outcome =
        submit("https://shop.example/", "[{\"action\":\"navigate\",\"url\":\"https://elsewhere.example/\"}]");

    assertThat(outcome).isInstanceOfSatisfying(JobRejected.class, r -> assertThat(r.field()).isEqualTo("actions[0].url"));
  }

  @Test
  void aDeletedPolicyNoLongerApplies() {
    UUID policyId = UUID.randomUUID();
    policies.pipeInput(policyId.toString(), JsonCodec.encode(
        new UrlPolicy(policyId, "blocked.example", UrlPolicyType.BLACKLIST, null, true, AT, AT)));
    assertThat(submit("https://blocked.example/")).isInstanceOf(JobRejected.class);

    policies.pipeInput(policyId.toString(), (byte[]) null);

    assertThat(submit("https://blocked.example/")).isInstanceOf(JobAccepted.class);
  }

  @Test
  void aCallbackToTheMetadataServiceIsRejectedNamingCallbackUrl() {
    JobEvent outcome = submitWithCallback("https://metadata.google.internal/computeMetadata/v1/");

    assertThat(outcome).isInstanceOfSatisfying(JobRejected.class, r -> {
      assertThat(r.field()).isEqualTo("callbackUrl");
      assertThat(r.reason()).contains("metadata");
    });
  }

  @Test
  void aPlainHttpCallbackIsRejectedWherePrivateTargetsAreNotAllowedAndAnHttpsOneIsKept() {
    assertThat(submitWithCallback("http://hooks.example/bf"))
        .isInstanceOfSatisfying(JobRejected.class, r -> assertThat(r.reason()).contains("https"));

    assertThat(submitWithCallback("https://hooks.example/bf"))
        .isInstanceOfSatisfying(JobAccepted.class, a -> assertThat(a.job().callbackUrl()).isEqualTo("https://hooks.example/bf"));
  }

  private JobEvent submitWithCallback(String callbackUrl) {
    var id = JobId.random();
    String json = """
        {"type":"job.submit","jobId":"%s","browserTypeId":1,"targetUrl":"https://fine.example/","actions":[],"callbackUrl":"%s"}
        """.formatted(id, callbackUrl);
    commands.pipeInput(id.toString(), json.getBytes(UTF_8));
    return events.readValuesToList().stream().map(b -> JsonCodec.decode(b, JobEvent.class)).toList().getFirst();
  }

  private JobEvent submit(String url) {
    return submit(url, "[{\"action\":\"screenshot\"}]");
  }

  private JobEvent submit(String url, String actions) {
    var id = JobId.random();
    String json = """
        {"type":"job.submit","jobId":"%s","browserTypeId":1,"targetUrl":"%s","actions":%s}
        """.formatted(id, url, actions);
    commands.pipeInput(id.toString(), json.getBytes(UTF_8));
    return events.readValuesToList().stream().map(b -> JsonCodec.decode(b, JobEvent.class)).toList().getFirst();
  }
}
