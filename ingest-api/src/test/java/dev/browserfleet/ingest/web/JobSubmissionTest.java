package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JobSubmissionTest extends IngestApiIntegrationTest {

  private static final String VALID_JOB =
      """
      {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"screenshot"}],
       "priority":0,"timeoutMs":30000,"maxRetries":3,"waitUntil":"load"}"""
          .formatted(PUBLIC_URL);

  @Test
  void anAcceptedJobIsPublishedAsASubmitCommandOwnedByTheCallersClient() {
    Instant before = Instant.now();
    Http.Response response = http.postJson("/api/v1/jobs", clientKey("acme"), VALID_JOB);

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    String jobId = response.json().get("jobId").asString();
    assertThat(response.json().get("status").asString()).isEqualTo("pending");
    assertThat(response.header("Location")).isEqualTo("/api/v1/jobs/" + jobId);

    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      JobCommand command = probe.awaitOne(c -> c.jobId().equals(JobId.of(jobId)), Duration.ofSeconds(15));
      assertThat(command).isInstanceOf(SubmitJob.class);
      SubmitJob submit = (SubmitJob) command;
      assertThat(submit.clientId()).isEqualTo("acme");
      assertThat(submit.browserTypeId()).isEqualTo(1);
      assertThat(submit.targetUrl()).isEqualTo(PUBLIC_URL);
      assertThat(submit.actions()).containsExactly(new Screenshot(null, null, null, null));
      assertThat(submit.waitUntil()).isEqualTo(WaitUntil.LOAD);
      assertThat(submit.maxRetries()).isEqualTo(3);
      assertThat(submit.submittedAt()).isBetween(before.minusSeconds(1), Instant.now());
      var records = probe.records().stream().filter(r -> jobId.equals(r.key())).toList();
      assertThat(records).hasSize(1);
      assertThat(JsonCodec.readTree(records.getFirst().value()).get("type").asString()).isEqualTo("job.submit");
    }
  }

  @Test
  void browserStorageTravelsOnTheCommandAndIsNeverReadBack() {
    String key = clientKey("acme");
    String body = VALID_JOB.replace("\"priority\":0", "\"priority\":0,\"browserStorage\":{\"cookies\":"
        + "[{\"name\":\"session\",\"value\":\"s3cr3t-value\",\"httpOnly\":true,\"sameSite\":\"Lax\"}],"
        + "\"localStorage\":{\"theme\":\"dark\"},\"sessionStorage\":{\"tab\":\"2\"}}");
    Http.Response response = http.postJson("/api/v1/jobs", key, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    String jobId = response.json().get("jobId").asString();

    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      var submit = (SubmitJob) probe.awaitOne(c -> c.jobId().equals(JobId.of(jobId)), Duration.ofSeconds(15));
      BrowserStorage storage = submit.browserStorage();
      assertThat(storage.cookies()).singleElement().satisfies(cookie -> {
        assertThat(cookie.name()).isEqualTo("session");
        assertThat(cookie.value()).isEqualTo("s3cr3t-value");
        assertThat(cookie.httpOnly()).isTrue();
        assertThat(cookie.sameSite()).isEqualTo("Lax");
      });
      assertThat(storage.localStorage()).containsExactly(Map.entry("theme", "dark"));
      assertThat(storage.sessionStorage()).containsExactly(Map.entry("tab", "2"));
    }
    Http.Response read = http.get("/api/v1/jobs/" + jobId, key);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.toString()).doesNotContain("s3cr3t-value").doesNotContain("browserStorage");
  }

  @Test
  void aBadCookieIsRejectedByItsPath() {
    String body = VALID_JOB.replace("\"priority\":0", "\"priority\":0,\"browserStorage\":{\"cookies\":[{\"name\":\"s\"}]}");

    Http.Response response = http.postJson("/api/v1/jobs", clientKey("acme"), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.toString()).contains("browserStorage.cookies[0].value");
  }

  @Test
  void aJobCanBeReadRightAfterItsAcceptanceBeforeAnyProjection() {
    String key = clientKey("acme");
    String jobId = http.postJson("/api/v1/jobs", key, VALID_JOB).json().get("jobId").asString();

    Http.Response job = http.get("/api/v1/jobs/" + jobId, key);

    assertThat(job.status()).as(job.toString()).isEqualTo(200);
    JsonNode body = job.json();
    assertThat(body.get("jobId").asString()).isEqualTo(jobId);
    assertThat(body.get("status").asString()).isEqualTo("pending");
    assertThat(body.get("browserTypeId").asInt()).isEqualTo(1);
    assertThat(body.get("targetUrl").asString()).isEqualTo(PUBLIC_URL);
    assertThat(body.get("actions").get(0).get("action").asString()).isEqualTo("screenshot");
    assertThat(body.get("waitUntil").asString()).isEqualTo("load");
    assertThat(body.get("retryCount").asInt()).isZero();
    assertThat(body.get("timeoutMs").asInt()).isEqualTo(30000);
    assertThat(Instant.parse(body.get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());
    assertThat(body.get("artifacts").isArray()).isTrue();
    assertThat(body.get("artifacts")).isEmpty();
    assertThat(countRows(jobId)).as("no projector runs here").isZero();
  }

  @Test
  void anotherClientsJobIsNotFoundEvenWhileItIsOnlyRecentlySubmitted() {
    String jobId = http.postJson("/api/v1/jobs", clientKey("acme"), VALID_JOB).json().get("jobId").asString();

    Http.Response asOther = http.get("/api/v1/jobs/" + jobId, clientKey("globex"));
    Http.Response asAdmin = http.get("/api/v1/jobs/" + jobId, adminKey());

    assertThat(asOther.status()).isEqualTo(404);
    assertThat(asOther.contentType()).startsWith("application/problem+json");
    assertThat(asAdmin.status()).isEqualTo(200);
  }

  @Test
  void anUnknownFieldIsRejectedByName() {
    assertValidationError(
        """
        {"browserTypeId":1,"targetUrl":"%s","actions":[],"colour":"blue"}""".formatted(PUBLIC_URL),
        "colour");
  }

  @Test
  void anUnknownActionIsRejectedByName() {
    assertValidationError(
        """
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"teleport"}]}""".formatted(PUBLIC_URL),
        "actions[0].action");
  }

  @Test
  void theActionsOfIssue15TakeTheirShapesAndABadFieldIsNamedInTheProblem() {
    String actions = "[{\"action\":\"back\"},{\"action\":\"forward\"},{\"action\":\"reload\"},"
        + "{\"action\":\"switchTo\",\"index\":1},{\"action\":\"switchTo\",\"urlContains\":\"report\"},"
        + "{\"action\":\"extract\",\"name\":\"c\",\"target\":\"#agree\",\"property\":\"checked\"},"
        + "{\"action\":\"extract\",\"name\":\"s\",\"target\":\"h1\",\"property\":\"style:color\"},"
        + "{\"action\":\"click\",\"target\":\"#b\",\"frame\":[\"#outer\",\"#inner\"]},"
        + "{\"action\":\"dragAndDrop\",\"target\":\"#from\",\"to\":\"#to\"},"
        + "{\"action\":\"upload\",\"target\":\"#file\",\"files\":[{\"name\":\"a.txt\",\"mimeType\":\"text/plain\",\"base64\":\"aGk=\"}]}]";
    Http.Response accepted = http.postJson("/api/v1/jobs", clientKey("acme"),
        "{\"browserTypeId\":1,\"targetUrl\":\"%s\",\"actions\":%s}".formatted(PUBLIC_URL, actions));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"back","url":"%s"}]}""".formatted(PUBLIC_URL, PUBLIC_URL),
        "actions[0].url");
    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"switchTo","index":-1}]}""".formatted(PUBLIC_URL),
        "actions[0].index");
    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"extract","name":"c","target":"h1","property":"colour"}]}"""
            .formatted(PUBLIC_URL), "actions[0].property");
    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"click","target":"#b","frame":[]}]}""".formatted(PUBLIC_URL),
        "actions[0].frame");
    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"dragAndDrop","target":"#from"}]}""".formatted(PUBLIC_URL),
        "actions[0].to");
    assertValidationError("""
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"upload","target":"#f","files":[{"name":"a","base64":"!"}]}]}"""
            .formatted(PUBLIC_URL), "actions[0].files[0].base64");
  }

  @Test
  void aMissingTargetUrlIsRejectedByName() {
    assertValidationError("{\"browserTypeId\":1,\"actions\":[]}", "targetUrl");
  }

  @Test
  void aPriorityAboveOneHundredIsRejectedByName() {
    assertValidationError(
        """
        {"browserTypeId":1,"targetUrl":"%s","actions":[],"priority":101}""".formatted(PUBLIC_URL),
        "priority");
  }

  @Test
  void aFileUrlIsRejectedByName() {
    assertValidationError(
        "{\"browserTypeId\":1,\"targetUrl\":\"file:///etc/passwd\",\"actions\":[]}", "targetUrl");
  }

  @Test
  void theCloudMetadataAddressIsRejectedByName() {
    assertValidationError(
        "{\"browserTypeId\":1,\"targetUrl\":\"http://169.254.169.254/latest/meta-data/\",\"actions\":[]}",
        "targetUrl");
  }

  @Test
  void aLoopbackAddressIsRejectedUnlessPrivateTargetsAreAllowed() {
    assertValidationError(
        "{\"browserTypeId\":1,\"targetUrl\":\"http://127.0.0.1:8080/\",\"actions\":[]}", "targetUrl");
  }

  @Test
  void aNavigationToADeniedAddressIsRejectedByItsPosition() {
    assertValidationError(
        """
        {"browserTypeId":1,"targetUrl":"%s",
         "actions":[{"action":"screenshot"},{"action":"navigate","url":"http://169.254.169.254/"}]}"""
            .formatted(PUBLIC_URL),
        "actions[1].url");
  }

  @Test
  void anUnknownBrowserTypeIsRejectedByName() {
    assertValidationError(
        """
        {"browserTypeId":999,"targetUrl":"%s","actions":[]}""".formatted(PUBLIC_URL), "browserTypeId");
    assertValidationError(
        """
        {"browserTypeId":99999999999999999999,"targetUrl":"%s","actions":[]}""".formatted(PUBLIC_URL),
        "browserTypeId");
  }

  @Test
  void anInactiveBrowserTypeIsRejectedByName() {
    int id =
        jdbc.sql("INSERT INTO browser_types (name, type, is_active) VALUES (:name, 'chromium', false) RETURNING id")
            .param("name", "Retired " + UUID.randomUUID().toString().substring(0, 8))
            .query(Integer.class)
            .single();

    JsonNode problem =
        assertValidationError(
            """
            {"browserTypeId":%d,"targetUrl":"%s","actions":[]}""".formatted(id, PUBLIC_URL), "browserTypeId");
    assertThat(problem.toString()).contains("not active");
  }

  @Test
  void everyInvalidFieldIsNamedAtOnce() {
    JsonNode problem =
        assertValidationError(
            "{\"browserTypeId\":0,\"targetUrl\":\"\",\"actions\":[],\"priority\":-1,\"timeoutMs\":\"soon\"}",
            "browserTypeId");
    assertThat(fields(problem)).contains("browserTypeId", "targetUrl", "priority", "timeoutMs");
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequest() {
    Http.Response response = http.postJson("/api/v1/jobs", clientKey("acme"), "{\"browserTypeId\": 1,");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/malformed-json");
  }

  @Test
  void aBodyThatIsNotDeclaredAsJsonIsAnUnsupportedMediaType() {
    Http.Response response = http.post("/api/v1/jobs", clientKey("acme"), "text/plain", VALID_JOB);

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://browserfleet.dev/problems/unsupported-media-type");
    assertThat(response.json().get("detail").asString()).contains("application/json");
  }

  @Test
  void aJobIdThatIsNoUuidIsABadRequestNamingIt() {
    Http.Response response = http.get("/api/v1/jobs/not-a-uuid", clientKey("acme"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(fields(response.json())).containsExactly("jobId");
  }

  @Test
  void anUnknownJobIsNotFound() {
    Http.Response response = http.get("/api/v1/jobs/" + UUID.randomUUID(), clientKey("acme"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/not-found");
  }

  private JsonNode assertValidationError(String body, String field) {
    Http.Response response = http.postJson("/api/v1/jobs", clientKey("acme"), body);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("https://browserfleet.dev/problems/validation");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(fields(problem)).as(problem.toString()).contains(field);
    return problem;
  }

  private static List<String> fields(JsonNode problem) {
    return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
  }

  private int countRows(String jobId) {
    return jdbc.sql("SELECT count(*) FROM automation_jobs WHERE id = :id")
        .param("id", UUID.fromString(jobId))
        .query(Integer.class)
        .single();
  }
}
