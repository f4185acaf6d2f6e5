package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.reaper.Reaper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One Browserfleet per test JVM, as {@code bin/browserfleet dev} runs it: embedded Kafka and
 * PostgreSQL, the four services, one Chromium slot, and a small site to browse. Its timings are
 * short so that the lifecycle's timeouts can be seen in seconds: workers heartbeat every 500 ms and
 * count as lost after 5 s, a job for an engine without workers waits 4 s, retries back off 100-400
 * ms, webhook retries 150 ms-1 s. It stops when the JVM exits.
 */
final class TestSystem {

  static final String ADMIN_KEY = "bfa_test-system-admin-key-0123456789abcdef";
  static final Duration WORKER_LOST_AFTER = Duration.ofSeconds(5);
  static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(4);
  static final Duration WEBHOOK_BACKOFF_BASE = Duration.ofMillis(300);

  private static TestSystem running;

  final Browserfleet launcher = new Browserfleet();
  final HttpClient http = HttpClient.newHttpClient();
  final Path dataDir;
  final HttpServer site;
  final String siteUrl;
  final String api;
  final String kafkaBootstrap;
  final String clientKey;

  static synchronized TestSystem get() {
    if (running == null) {
      try {
        running = new TestSystem();
      } catch (Exception e) {
        throw new IllegalStateException("the test system did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "test-system-stop"));
    }
    return running;
  }

  private TestSystem() throws Exception {
    // Removed by this JVM's reaper should the JVM be killed before its shutdown hook runs.
    dataDir = Reaper.ofThisJvm().newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "browserfleet-system-test");
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String name = path.equals("/") ? "index.html" : path.substring(1);
      try (InputStream in = TestSystem.class.getResourceAsStream("/site/" + name)) {
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
    // Shows the Cookie header of the request that loaded it, and the theme in localStorage.
    site.createContext("/echo-storage", exchange -> {
      String cookies = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"))
          .replace("&", "&amp;").replace("<", "&lt;");
      byte[] body = ("<!doctype html><title>echo</title><p id=cookies>" + cookies + "</p><p id=storage></p>"
          + "<script>document.getElementById('storage').textContent = String(localStorage.getItem('theme'));</script>")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    siteUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/";

    var settings = DevSettings.from(Map.of(
        "BF_DATA_DIR", dataDir.toString(), "BF_HTTP_PORT", "0", "BF_KAFKA_PORT", "0", "BF_ALLOW_PRIVATE_TARGETS", "true",
        "BF_ADMIN_KEY", ADMIN_KEY));
    assertThat(launcher.start(settings,
        "--browserfleet.worker.slots=1",
        "--browserfleet.worker.heartbeat-interval=500ms",
        "--browserfleet.worker.lock-duration=" + WORKER_LOST_AFTER.toMillis() + "ms",
        "--browserfleet.dispatcher.worker-lost-after=" + WORKER_LOST_AFTER.toMillis() + "ms",
        "--browserfleet.dispatcher.queue-timeout=" + QUEUE_TIMEOUT.toMillis() + "ms",
        "--browserfleet.dispatcher.retry-backoff-base=100ms",
        "--browserfleet.dispatcher.retry-backoff-cap=400ms",
        "--browserfleet.projector.worker-offline-after=" + WORKER_LOST_AFTER.toMillis() + "ms",
        "--browserfleet.projector.worker-sweep-interval=500ms",
        "--browserfleet.webhooks.backoff-base=" + WEBHOOK_BACKOFF_BASE.toMillis() + "ms",
        "--browserfleet.webhooks.backoff-cap=1s")).isEqualTo(ADMIN_KEY);
    launcher.awaitReady(Duration.ofMinutes(2));
    var env = launcher.context().getEnvironment();
    api = "http://127.0.0.1:" + env.getProperty("local.server.port") + "/api/v1";
    kafkaBootstrap = env.getProperty("spring.kafka.bootstrap-servers");

    var created = send("POST", "/admin/api-keys", ADMIN_KEY, "{\"clientId\":\"acme\",\"name\":\"system test\",\"rateLimit\":100000}");
    assertThat(created.statusCode()).isEqualTo(201);
    clientKey = json(created).path("key").asString();
  }

  private void stop() {
    launcher.stop();
    site.stop(0);
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dataDir + ": " + e);
    }
  }

  /** Submits a job as the test client; returns its id. */
  String submit(String body) throws IOException, InterruptedException {
    var accepted = send("POST", "/jobs", clientKey, body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json(accepted).path("jobId").asString();
  }

  JsonNode job(String jobId) throws IOException, InterruptedException {
    var response = send("GET", "/jobs/" + jobId, clientKey, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  /**
   * Waits for the job to reach {@code status}. A job produced straight to Kafka is unknown to the
   * API (404) until the projector has written it; one submitted by REST never is.
   */
  JsonNode awaitStatus(String jobId, String status, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode job = null;
    do {
      var response = send("GET", "/jobs/" + jobId, clientKey, null);
      assertThat(response.statusCode()).as(response.body()).isIn(200, 404);
      job = response.statusCode() == 200 ? json(response) : null;
      if (job != null && status.equals(job.path("status").asString())) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("job " + jobId + " did not reach " + status + " within " + timeout + "; last seen: " + job);
  }

  HttpResponse<String> send(String method, String path, String key, String body) throws IOException, InterruptedException {
    return http.send(request(method, path, key, body), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String method, String path, String key, String body) {
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

  static JsonNode json(HttpResponse<String> response) {
    return JsonCodec.readTree(response.body().getBytes());
  }

  Connection database() throws SQLException {
    var env = launcher.context().getEnvironment();
    return DriverManager.getConnection(env.getProperty("spring.datasource.url"),
        env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
  }

  /** The job's log rows, oldest first, as "level message". */
  java.util.List<String> logs(String jobId) throws SQLException {
    var lines = new java.util.ArrayList<String>();
    try (Connection db = database();
        var statement = db.prepareStatement("SELECT level, message FROM job_logs WHERE job_id = ?::uuid ORDER BY created_at, id")) {
      statement.setString(1, jobId);
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    }
    return lines;
  }

  long count(String sql, String jobId) throws SQLException {
    try (Connection db = database(); var statement = db.prepareStatement(sql)) {
      statement.setString(1, jobId);
      try (var rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
