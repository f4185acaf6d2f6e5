package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admission logic with in-memory ports; the HTTP tests prove the same against Kafka and PostgreSQL. */
class JobSubmissionsTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123456789Z");
  private static final Caller ACME = new Caller.Client("acme", UUID.randomUUID(), 100);

  private final List<Object> published = new ArrayList<>();
  private boolean brokerDown;
  private final RecordPublisher publisher =
      new RecordPublisher() {
        @Override
        public <V> void publish(Topic<V> topic, String key, V value) {
          if (brokerDown) {
            throw new PublicationFailedException("down", null);
          }
          assertThat(topic).isEqualTo(Topics.JOB_COMMANDS);
          published.add(value);
        }
      };
  private final BrowserTypeCatalog catalog =
      new BrowserTypeCatalog() {
        private final List<BrowserTypeView> types =
            List.of(
                new BrowserTypeView(1, "Chromium", "chromium", "desktop", null, 1280, 720, true),
                new BrowserTypeView(7, "Old", "chromium", "desktop", null, 1280, 720, false));

        @Override
        public List<BrowserTypeView> list() {
          return types;
        }

        @Override
        public Optional<BrowserTypeView> find(int id) {
          return types.stream().filter(t -> t.id() == id).findFirst();
        }
      };
  private final TargetAddressPolicy policy =
      new TargetAddressPolicy(
          false,
          host -> switch (host) {
            case "shop.example" -> List.of(InetAddress.getByName("93.184.215.14"));
            case "intranet.example" -> List.of(InetAddress.getByName("10.1.2.3"));
            default -> throw new UnknownHostException(host);
          });
  private final RecentSubmissions recent =
      new RecentSubmissions(100, Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC));
  private final JobSubmissions submissions =
      new JobSubmissions(catalog, policy, publisher, recent, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anAcceptedJobIsOwnedByTheCallersClientStampedAndRemembered() {
    var outcome = submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), ACME);

    SubmitJob command = ((SubmitOutcome.Accepted) outcome).command();
    assertThat(command.clientId()).isEqualTo("acme");
    assertThat(command.submittedAt()).isEqualTo(Instant.parse("2026-05-01T12:00:00.123456Z"));
    assertThat(command.priority()).isEqualTo(SubmitJob.DEFAULT_PRIORITY);
    assertThat(command.maxRetries()).isEqualTo(SubmitJob.DEFAULT_MAX_RETRIES);
    assertThat(published).containsExactly(command);
    assertThat(recent.find(command.jobId())).contains(command);
  }

  @Test
  void anAdminsJobHasNoOwner() {
    var outcome =
        submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), new Caller.Admin());

    assertThat(((SubmitOutcome.Accepted) outcome).command().clientId()).isNull();
  }

  @Test
  void aHostThatResolvesToAPrivateAddressIsDenied() {
    var outcome =
        submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"http://intranet.example/\",\"actions\":[]}"), ACME);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("targetUrl");
    assertThat(published).isEmpty();
  }

  @Test
  void anInactiveBrowserTypeAndADeniedNavigationAreReportedTogether() {
    var outcome =
        submissions.submit(
            json(
                "{\"browserTypeId\":7,\"targetUrl\":\"https://shop.example/\","
                    + "\"actions\":[{\"action\":\"visit\",\"url\":\"http://intranet.example/\"}]}"),
            ACME);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("browserTypeId", "actions[0].url");
    assertThat(published).isEmpty();
  }

  @Test
  void schemaErrorsComeBeforeAnyLookup() {
    var outcome = submissions.submit(json("{\"browserTypeId\":999,\"actions\":[],\"extra\":1}"), ACME);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactlyInAnyOrder("extra", "targetUrl");
  }

  @Test
  void aJobTheBrokerDidNotTakeIsNotRemembered() {
    brokerDown = true;

    assertThatThrownBy(
            () ->
                submissions.submit(
                    json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), ACME))
        .isInstanceOf(PublicationFailedException.class);
    assertThat(recent.size()).isZero();
  }

  private static List<FieldError> errorsOf(SubmitOutcome outcome) {
    assertThat(outcome).isInstanceOf(SubmitOutcome.Invalid.class);
    return ((SubmitOutcome.Invalid) outcome).errors();
  }

  private static tools.jackson.databind.JsonNode json(String text) {
    return JsonCodec.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
