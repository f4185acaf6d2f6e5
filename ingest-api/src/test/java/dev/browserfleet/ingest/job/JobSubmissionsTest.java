package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
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

        @Override
        public <V> void publishAll(Topic<V> topic, List<Keyed<V>> records) {
          if (brokerDown) {
            throw new PublicationFailedException("down", null);
          }
          assertThat(topic).isEqualTo(Topics.JOB_COMMANDS);
          records.forEach(r -> published.add(r.value()));
        }
      };
  private final BrowserTypeCatalog catalog =
      new BrowserTypeCatalog() {
        private final List<BrowserTypeView> types =
            List.of(
                new BrowserTypeView(1, "Chromium", "chromium", "desktop", null, 1280, 720, true, NOW, NOW),
                new BrowserTypeView(7, "Old", "chromium", "desktop", null, 1280, 720, false, NOW, NOW));

        @Override
        public List<BrowserTypeView> list() {
          return types;
        }

        @Override
        public Optional<BrowserTypeView> find(int id) {
          return types.stream().filter(t -> t.id() == id).findFirst();
        }

        @Override
        public int nextId() {
          throw new UnsupportedOperationException("submissions create no browser types");
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
  // Nothing is projected in these tests: reads answer from the recent submissions only.
  private final JobQueries nothingProjected = new NothingProjected();
  private final JobSubmissions submissions =
      new JobSubmissions(
          catalog, policy, UrlPolicies::none, publisher, recent,
          new JobReads(nothingProjected, recent, new DirectoryArtifactStore(Path.of("unused"))),
          new Callbacks(policy, id -> Optional.empty(), false),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anAcceptedJobIsOwnedByTheCallersClientStampedAndRemembered() {
    var outcome = submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), ACME, null);

    SubmitJob command = ((SubmitOutcome.Accepted) outcome).command();
    assertThat(command.clientId()).isEqualTo("acme");
    assertThat(command.submittedAt()).isEqualTo(Instant.parse("2026-05-01T12:00:00.123456Z"));
    assertThat(command.priority()).isEqualTo(SubmitJob.DEFAULT_PRIORITY);
    assertThat(command.maxRetries()).isEqualTo(SubmitJob.DEFAULT_MAX_RETRIES);
    assertThat(published).containsExactly(command);
    assertThat(recent.find(command.jobId())).contains(command);
  }

  @Test
  void aBatchWithOneDeniedJobPublishesNothingAndNamesThatJobsField() {
    String good = "{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}";
    String denied = "{\"browserTypeId\":1,\"targetUrl\":\"http://intranet.example/\",\"actions\":[]}";

    var outcome = submissions.submitBatch(json("{\"jobs\":[" + good + "," + good + "," + denied + "," + denied + "]}"), ACME, null);

    assertThat(outcome).isInstanceOfSatisfying(BatchOutcome.Invalid.class, invalid -> {
      assertThat(invalid.index()).isEqualTo(2);
      assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("jobs[2].targetUrl");
    });
    assertThat(published).isEmpty();
  }

  @Test
  void aValidBatchIsPublishedInItsOrderAndRemembered() {
    String job = "{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/%d\",\"actions\":[]}";

    var outcome = submissions.submitBatch(json("{\"jobs\":[" + job.formatted(0) + "," + job.formatted(1) + "]}"), ACME, null);

    var commands = ((BatchOutcome.Accepted) outcome).commands();
    assertThat(commands).extracting(SubmitJob::targetUrl).containsExactly("https://shop.example/0", "https://shop.example/1");
    assertThat(published).containsExactlyElementsOf(commands);
    assertThat(commands).allSatisfy(c -> assertThat(c.clientId()).isEqualTo("acme"));
  }

  @Test
  void anAdminsJobHasNoOwner() {
    var outcome =
        submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), new Caller.Admin(), null);

    assertThat(((SubmitOutcome.Accepted) outcome).command().clientId()).isNull();
  }

  @Test
  void aHostThatResolvesToAPrivateAddressIsDenied() {
    var outcome =
        submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"http://intranet.example/\",\"actions\":[]}"), ACME, null);

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
            ACME,
            null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("browserTypeId", "actions[0].url");
    assertThat(published).isEmpty();
  }

  @Test
  void schemaErrorsComeBeforeAnyLookup() {
    var outcome = submissions.submit(json("{\"browserTypeId\":999,\"actions\":[],\"extra\":1}"), ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactlyInAnyOrder("extra", "targetUrl");
  }

  @Test
  void aHistoryActionWithAFieldItDoesNotTakeIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\","
            + "\"actions\":[{\"action\":\"back\"},{\"action\":\"reload\",\"waitUntil\":\"load\"}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("actions[1].waitUntil");
    assertThat(published).isEmpty();
  }

  @Test
  void anExtractPropertyThatIsNoneOfTheKnownOnesIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"extract\",\"name\":\"c\",\"target\":\"#agree\",\"property\":\"checked\"},"
            + "{\"action\":\"extract\",\"name\":\"s\",\"target\":\"h1\",\"property\":\"colour\"}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsOnly("actions[1].property");
    assertThat(published).isEmpty();
  }

  @Test
  void aFramePathTakesSelectorsOnlyAndAnEmptyOneIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"click\",\"target\":\"#save\",\"frame\":[\"#outer\",\"#inner\"]},"
            + "{\"action\":\"click\",\"target\":\"#save\",\"frame\":[]}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsOnly("actions[1].frame");
    assertThat(published).isEmpty();
  }

  @Test
  void switchToWithANegativeIndexIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"switchTo\",\"urlContains\":\"report\"},{\"action\":\"switchTo\",\"index\":-1}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).contains("actions[1].index")
        .allMatch(field -> field.startsWith("actions[1]"));
    assertThat(published).isEmpty();
  }

  @Test
  void dragAndDropWithoutWhereToDropIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"dragAndDrop\",\"target\":\"#from\",\"to\":\"#to\"},"
            + "{\"action\":\"dragAndDrop\",\"target\":\"#from\"}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("actions[1].to");
    assertThat(published).isEmpty();
  }

  @Test
  void anUploadWhoseBytesAreNotBase64IsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"upload\",\"target\":\"#file\",\"files\":[{\"name\":\"a.txt\",\"mimeType\":\"text/plain\","
            + "\"base64\":\"aGVsbG8=\"},{\"name\":\"b.txt\",\"base64\":\"<not base64>\"}]}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field).containsExactly("actions[0].files[1].base64");
    assertThat(published).isEmpty();
  }

  @Test
  void dialogsWithAPromptTextToDismissIsRejectedByName() {
    var outcome = submissions.submit(
        json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":["
            + "{\"action\":\"dialogs\",\"accept\":true,\"promptText\":\"Ada\"},"
            + "{\"action\":\"dialogs\",\"accept\":false,\"promptText\":\"Ada\"},"
            + "{\"action\":\"dialogs\"}]}"),
        ACME, null);

    assertThat(errorsOf(outcome)).extracting(FieldError::field)
        .containsExactlyInAnyOrder("actions[1].promptText", "actions[2].accept");
    assertThat(published).isEmpty();
  }

  @Test
  void aJobTheBrokerDidNotTakeIsNotRemembered() {
    brokerDown = true;

    assertThatThrownBy(
            () ->
                submissions.submit(
                    json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), ACME, null))
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

  @Test
  void aRetryWithTheSameIdempotencyKeyGetsTheSameJobAndPublishesNothingMore() {
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}";

    var first = submissions.submit(json(body), ACME, "order-4711");
    var retry = submissions.submit(json(body), ACME, "order-4711");
    var otherClient = submissions.submit(json(body), new Caller.Client("globex", UUID.randomUUID(), 100), "order-4711");

    JobId jobId = ((SubmitOutcome.Accepted) first).command().jobId();
    assertThat(retry).isEqualTo(new SubmitOutcome.Replayed(jobId, "pending"));
    assertThat(((SubmitOutcome.Accepted) otherClient).command().jobId()).isNotEqualTo(jobId);
    assertThat(published).hasSize(2);
  }

  @Test
  void anIdempotencyKeyWithControlCharactersIsRejectedByName() {
    var outcome = submissions.submit(json("{\"browserTypeId\":1,\"targetUrl\":\"https://shop.example/\",\"actions\":[]}"), ACME, "a\tb");

    assertThat(outcome).isInstanceOf(SubmitOutcome.Invalid.class);
    assertThat(((SubmitOutcome.Invalid) outcome).errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
  }
}
