package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.browserfleet.contracts.JsonCodec;
import tools.jackson.databind.JsonNode;

/**
 * Issue 2's path end to end, on the launcher that {@code bin/browserfleet dev} runs ({@link
 * TestSystem}): a real embedded Kafka broker and PostgreSQL, the four services in one JVM, and real
 * Chromium.
 */
class WalkingSkeletonTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static TestSystem system;
  private static HttpClient http;
  private static String api;
  private static String siteUrl;
  private static String clientKey;

  @BeforeAll
  static void startBrowserfleet() {
    system = TestSystem.get();
    http = system.http;
    api = system.api;
    siteUrl = system.siteUrl;
    clientKey = system.clientKey;
  }

  @Test
  void aScreenshotJobGoesFromRestToACompletedRowWithAValidPng() throws Exception {
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + siteUrl + "\",\"actions\":[{\"action\":\"screenshot\"}],"
        + "\"priority\":0,\"timeoutMs\":30000,\"maxRetries\":3,\"waitUntil\":\"load\"}";
    Instant submitted = Instant.now();
    var accepted = send("POST", "/jobs", clientKey, body);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String jobId = json(accepted).path("jobId").asString();
    assertThat(json(accepted).path("status").asString()).isEqualTo("pending");
    assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);

    // Right after the 202, before the projector can have written anything: never a 404.
    var immediately = send("GET", "/jobs/" + jobId, clientKey, null);
    assertThat(immediately.statusCode()).isEqualTo(200);
    assertThat(json(immediately).path("jobId").asString()).isEqualTo(jobId);

    JsonNode job = awaitStatus(jobId, "completed", Duration.ofSeconds(60));
    System.out.printf("walking skeleton: submit -> completed in %d ms%n", Duration.between(submitted, Instant.now()).toMillis());
    assertThat(job.path("startedAt").isMissingNode() || job.path("startedAt").isNull()).isFalse();
    assertThat(job.path("completedAt").isNull()).isFalse();
    assertThat(job.path("retryCount").asInt()).isZero();
    assertThat(job.path("result").path("actions")).hasSize(1);
    JsonNode artifact = job.path("artifacts").get(0);
    assertThat(artifact.path("artifactType").asString()).isEqualTo("screenshot");
    assertThat(artifact.path("mimeType").asString()).isEqualTo("image/png");
    assertThat(artifact.has("fileData")).isFalse();

    var download = http.send(request("GET", "/jobs/" + jobId + "/artifacts/" + artifact.path("id").asString(), clientKey, null),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
    byte[] png = download.body();
    assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
    assertThat((long) png.length).isEqualTo(artifact.path("sizeBytes").asLong());
    var image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);

    try (Connection db = database()) {
      assertThat(count(db, "SELECT count(*) FROM automation_jobs WHERE id = ?::uuid AND status = 'completed' AND result IS NOT NULL", jobId)).isEqualTo(1);
      assertThat(count(db, "SELECT count(*) FROM job_artifacts WHERE job_id = ?::uuid AND artifact_type = 'screenshot' AND mime_type = 'image/png' AND size_bytes = " + png.length + " AND file_path IS NOT NULL", jobId)).isEqualTo(1);
      assertThat(count(db, "SELECT count(*) FROM job_logs WHERE job_id = ?::uuid", jobId)).isGreaterThanOrEqualTo(1);
      assertThat(count(db, "SELECT count(*) FROM browser_workers WHERE last_heartbeat > (now() AT TIME ZONE 'UTC') - INTERVAL '1 minute' AND status <> 'offline' AND ?::text IS NOT NULL", jobId)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void cookiesAndStorageGivenOverRestAreInPlaceForTheFirstRequestAndNeverReadBack() throws Exception {
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + siteUrl + "echo-storage\",\"waitUntil\":\"load\","
        + "\"browserStorage\":{\"cookies\":[{\"name\":\"session\",\"value\":\"rest-s3cr3t\",\"httpOnly\":true}],"
        + "\"localStorage\":{\"theme\":\"dark\"}},"
        + "\"actions\":[{\"action\":\"extract\",\"name\":\"cookies\",\"target\":\"#cookies\"},"
        + "{\"action\":\"extract\",\"name\":\"storage\",\"target\":\"#storage\"}]}";
    var accepted = send("POST", "/jobs", clientKey, body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String jobId = json(accepted).path("jobId").asString();

    JsonNode job = awaitStatus(jobId, "completed", Duration.ofSeconds(60));

    assertThat(job.path("result").path("data").path("cookies").asString()).isEqualTo("session=rest-s3cr3t");
    assertThat(job.path("result").path("data").path("storage").asString()).isEqualTo("dark");
    // The page's own extraction put the cookie in the result; the storage the job was given is not echoed.
    assertThat(job.has("browserStorage")).as("the job as read back has no browserStorage").isFalse();
  }

  @Test
  void browserTypesAreListedWithTheirSeeds() throws Exception {
    var response = send("GET", "/browser-types", clientKey, null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode types = json(response);
    JsonNode list = types.isArray() ? types : types.path("items");
    assertThat(list).hasSize(6);
    assertThat(list.get(0).path("id").asInt()).isEqualTo(1);
    assertThat(list.get(0).path("type").asString()).isEqualTo("chromium");
    assertThat(list.get(0).path("deviceType").asString()).isEqualTo("desktop");
  }

  @Test
  void aRequestWithoutAKeyIsAProblemNotAnAnswer() throws Exception {
    var response = send("GET", "/jobs/0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a", null, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void healthIsUpWithEveryServiceReporting() throws Exception {
    String root = api.replace("/api/v1", "");
    var response = http.send(HttpRequest.newBuilder(URI.create(root + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = JsonCodec.readTree(response.body().getBytes());
    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.path("components").propertyNames()).contains("dispatcherHealth", "db");
  }

  @Test
  void prometheusServesTheBrowserfleetSeries() throws Exception {
    String root = api.replace("/api/v1", "");
    var response = http.send(HttpRequest.newBuilder(URI.create(root + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("browserfleet_queue_depth", "browserfleet_submissions_total");
  }

  @Test
  void everyStageOfAJobIsAPrometheusHistogram() throws Exception {
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + siteUrl + "\",\"actions\":[{\"action\":\"screenshot\"}],"
        + "\"priority\":0,\"timeoutMs\":30000,\"waitUntil\":\"load\"}";
    var accepted = send("POST", "/jobs", clientKey, body);
    assertThat(accepted.statusCode()).isEqualTo(202);
    awaitStatus(json(accepted).path("jobId").asString(), "completed", Duration.ofSeconds(60));
    String root = api.replace("/api/v1", "");

    // The projected stage is recorded once the row is committed, which a GET may see a moment before.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(root + "/actuator/prometheus")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String stage : new String[] {
          "action=\"none\",engine=\"chromium\",stage=\"queued\"",
          "action=\"none\",engine=\"chromium\",stage=\"browser_open\"",
          "action=\"screenshot\",engine=\"chromium\",stage=\"action\"",
          "action=\"none\",engine=\"chromium\",stage=\"artifact_stored\"",
          "action=\"none\",engine=\"chromium\",stage=\"reported\"",
          "action=\"none\",engine=\"none\",stage=\"projected\""}) {
        assertThat(metrics).contains("browserfleet_job_stage_seconds_bucket{" + stage + ",le=\"");
        assertThat(metrics).containsPattern("browserfleet_job_stage_seconds_count\\{" + java.util.regex.Pattern.quote(stage)
            + "} [1-9]");
      }
    });
  }

  private static JsonNode awaitStatus(String jobId, String status, Duration timeout) throws Exception {
    return system.awaitStatus(jobId, status, timeout);
  }

  private static HttpResponse<String> send(String method, String path, String key, String body) throws IOException, InterruptedException {
    return system.send(method, path, key, body);
  }

  private static HttpRequest request(String method, String path, String key, String body) {
    return system.request(method, path, key, body);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return TestSystem.json(response);
  }

  private static Connection database() throws SQLException {
    return system.database();
  }

  private static long count(Connection db, String sql, String jobId) throws SQLException {
    try (var statement = db.prepareStatement(sql)) {
      statement.setString(1, jobId);
      try (var rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
