package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.browserfleet.contracts.JsonCodec;
import tools.jackson.databind.JsonNode;

/**
 * Issue 2's path end to end, on the launcher that {@code bin/browserfleet dev} runs: a real
 * embedded Kafka broker and PostgreSQL, the four services in one JVM, and real Chromium.
 */
class WalkingSkeletonTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final String ADMIN_KEY = "bfa_walking-skeleton-test-admin-key-0123456789";

  @TempDir static Path dataDir;
  private static final Browserfleet launcher = new Browserfleet();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static HttpServer site;
  private static String api;
  private static String siteUrl;
  private static String clientKey;

  @BeforeAll
  static void startBrowserfleetAndATestSite() throws Exception {
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().equals("/") ? "index.html" : exchange.getRequestURI().getPath().substring(1);
      try (InputStream in = WalkingSkeletonTest.class.getResourceAsStream("/site/" + name)) {
        if (in == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", name.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } finally {
        exchange.close();
      }
    });
    site.start();
    siteUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/";

    var settings = DevSettings.from(Map.of(
        "BF_DATA_DIR", dataDir.toString(), "BF_HTTP_PORT", "0", "BF_KAFKA_PORT", "0", "BF_ALLOW_PRIVATE_TARGETS", "true",
        "BF_ADMIN_KEY", ADMIN_KEY));
    assertThat(launcher.start(settings, "--browserfleet.worker.slots=1")).isEqualTo(ADMIN_KEY);
    launcher.awaitReady(Duration.ofMinutes(2));
    api = "http://127.0.0.1:" + launcher.context().getEnvironment().getProperty("local.server.port") + "/api/v1";

    var created = send("POST", "/admin/api-keys", ADMIN_KEY, "{\"clientId\":\"acme\",\"name\":\"skeleton test\",\"rateLimit\":1000}");
    assertThat(created.statusCode()).isEqualTo(201);
    clientKey = json(created).path("key").asString();
  }

  @AfterAll
  static void stopEverything() {
    launcher.stop();
    if (site != null) {
      site.stop(0);
    }
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

  private static JsonNode awaitStatus(String jobId, String status, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode job;
    do {
      var response = send("GET", "/jobs/" + jobId, clientKey, null);
      assertThat(response.statusCode()).isEqualTo(200);
      job = json(response);
      if (status.equals(job.path("status").asString())) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("job " + jobId + " did not reach " + status + " within " + timeout + "; last seen: " + job);
  }

  private static HttpResponse<String> send(String method, String path, String key, String body) throws IOException, InterruptedException {
    return http.send(request(method, path, key, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String method, String path, String key, String body) {
    var builder = HttpRequest.newBuilder(URI.create(api + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return builder.build();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JsonCodec.readTree(response.body().getBytes());
  }

  private static Connection database() throws SQLException {
    var env = launcher.context().getEnvironment();
    return DriverManager.getConnection(env.getProperty("spring.datasource.url"),
        env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
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
