package dev.browserfleet.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.ComposeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml as a user runs it: the images built from the Dockerfile, the whole stack up
 * (Kafka, PostgreSQL, MinIO, the four services, a worker per engine, Prometheus, Grafana), then a
 * job for each engine submitted through the API and its artifacts downloaded through the API,
 * which reads them from MinIO (no volume is shared between the services). Needs a Docker engine
 * with the compose plugin; skipped, with one line saying so, where there is none.
 */
@ExtendWith(DockerEngine.class)
class ComposeStackTest {

  private static final String ADMIN_KEY = "bfa_compose-stack-test-" + Long.toHexString(System.nanoTime());
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static ComposeContainer stack;
  private static String api;

  @BeforeAll
  static void startTheStack() {
    int apiPort = freePort();
    stack = new ComposeContainer(DeploymentFiles.root().resolve("docker-compose.yml").toFile())
        .withBuild(true)
        .withRemoveVolumes(true)
        .withEnv(Map.of(
            "BF_ADMIN_KEY", ADMIN_KEY,
            // The job's page is the ingest-api's own welcome page, on the compose network.
            "BF_ALLOW_PRIVATE_TARGETS", "true",
            "BF_HTTP_PORT", Integer.toString(apiPort),
            "GRAFANA_PORT", Integer.toString(freePort()),
            "BF_MINIO_CONSOLE_PORT", Integer.toString(freePort()),
            "BF_PROMETHEUS_PORT", Integer.toString(freePort())))
        .withStartupTimeout(Duration.ofMinutes(20));
    stack.start();
    api = "http://localhost:" + apiPort;
    await("the ingest-api ready").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    await("a live worker of every engine").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(() -> {
          JsonNode byEngine = JSON.readTree(get("/api/v1/workers/stats").body()).path("byEngine");
          return byEngine.has("chromium") && byEngine.has("firefox") && byEngine.has("webkit");
        });
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.stop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"chromium, 1", "firefox, 3", "webkit, 5"})
  void aJobOfEveryEngineCompletesAndItsArtifactsDownloadFromTheStore(String engine, int browserTypeId) throws Exception {
    String body = "{\"browserTypeId\":" + browserTypeId + ",\"targetUrl\":\"http://ingest-api:8080/\","
        + "\"waitUntil\":\"load\",\"actions\":[{\"action\":\"screenshot\"}]}";
    HttpResponse<String> submitted = HTTP.send(request("/api/v1/jobs")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    String jobId = JSON.readTree(submitted.body()).path("jobId").asString();

    await(engine + " job " + jobId + " completed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          String status = JSON.readTree(get("/api/v1/jobs/" + jobId).body()).path("status").asString();
          assertThat(status).as("job %s", jobId).isNotIn("failed", "cancelled");
          return status.equals("completed");
        });

    JsonNode list = JSON.readTree(get("/api/v1/jobs/" + jobId + "/artifacts").body()).path("items");
    assertThat(list.size()).as("artifacts of %s", jobId).isPositive();
    for (JsonNode artifact : list) {
      HttpResponse<byte[]> bytes = HTTP.send(
          request("/api/v1/jobs/" + jobId + "/artifacts/" + artifact.path("id").asString()).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(bytes.statusCode()).isEqualTo(200);
      assertThat(sha256(bytes.body())).isEqualTo(artifact.path("sha256").asString());
      assertThat(bytes.headers().firstValue("Content-Type")).contains(artifact.path("mimeType").asString());
      assertThat(bytes.body()).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).header("X-API-Key", ADMIN_KEY);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
