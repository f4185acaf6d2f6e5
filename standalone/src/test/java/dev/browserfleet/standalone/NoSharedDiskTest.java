package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.browserfleet.reaper.Reaper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The system as separate processes that share no disk, only the broker, the database and the S3
 * store: a broker, a PostgreSQL and an S3-compatible store each in a JVM of its own, one process
 * with the ingest-api, dispatcher and projector, and two browser workers, each with a data
 * directory of its own. Jobs run on both workers, and every artifact downloads through the API.
 */
class NoSharedDiskTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final Path SCRIPT = Path.of("..", "bin", "browserfleet").toAbsolutePath().normalize();
  private static final String ADMIN_KEY = "bfa_no-shared-disk-admin-key-0123456789";
  private static final String S3_SECRET = "no-shared-disk-" + java.util.UUID.randomUUID();
  private static final List<Process> processes = new ArrayList<>();
  private static final List<Path> shortTemps = new ArrayList<>();
  private static final ObjectMapper json = new ObjectMapper();
  private static Path root;
  private static HttpServer site;
  private static String api;
  private static String dbUrl;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startTheSystemAsSeparateProcesses() throws Exception {
    // The reaper removes them when this JVM ends, even when it is killed; @AfterAll does it sooner.
    root = Reaper.ofThisJvm().newDirectory(TMP, "nsd");
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      byte[] body = "<!doctype html><title>no shared disk</title><h1>hello</h1>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();

    int kafkaPort = freePort();
    int pgPort = freePort();
    int s3Port = freePort();
    int httpPort = freePort();
    Process broker = start("broker", Map.of("BF_KAFKA_PORT", Integer.toString(kafkaPort)),
        "dev.browserfleet.standalone.Browserfleet", "broker");
    Process postgres = start("postgres", Map.of("BF_PG_PORT", Integer.toString(pgPort)),
        "dev.browserfleet.standalone.Browserfleet", "postgres");
    Process s3 = start("s3", Map.of("BF_S3_PORT", Integer.toString(s3Port), "BF_S3_SECRET_KEY", S3_SECRET),
        "dev.browserfleet.standalone.Browserfleet", "s3");
    awaitLine(broker, "broker", "Kafka broker ready");
    awaitLine(postgres, "postgres", "PostgreSQL ready");
    awaitLine(s3, "s3", "S3-compatible store ready");

    dbUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/browserfleet";
    var shared = new HashMap<String, String>(Map.of(
        "BF_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort,
        "BF_ARTIFACT_STORE", "s3",
        "BF_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
        "BF_S3_ACCESS_KEY", "browserfleet",
        "BF_S3_SECRET_KEY", S3_SECRET,
        "BF_ALLOW_PRIVATE_TARGETS", "true"));
    var core = new HashMap<>(shared);
    core.putAll(Map.of("BF_DB_URL", dbUrl, "BF_DB_USER", "postgres", "BF_DB_PASSWORD", "",
        "BF_SERVICES", "ingest-api,dispatcher,projector", "BF_HTTP_PORT", Integer.toString(httpPort),
        "BF_ADMIN_KEY", ADMIN_KEY));
    Process services = start("core", core, "dev.browserfleet.standalone.Browserfleet");
    for (String worker : List.of("worker-a", "worker-b")) {
      var env = new HashMap<>(shared);
      env.putAll(Map.of("BF_WORKER_INSTANCE", "nsd-" + worker, "BF_WORKER_SLOTS", "1",
          "BF_WORKER_HEARTBEAT_INTERVAL", "500ms"));
      startWorker(worker, env);
    }
    awaitLine(services, "core", "Browserfleet is ready");
    api = "http://127.0.0.1:" + httpPort + "/api/v1";
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
        .until(() -> count("SELECT count(*) FROM browser_workers WHERE status = 'idle'"
            + " AND metadata->>'instance' IN ('nsd-worker-a', 'nsd-worker-b')") == 2);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    // Workers and services first, the broker, database and store they talk to last.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
      if (!processes.get(i).waitFor(60, TimeUnit.SECONDS)) {
        processes.get(i).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (site != null) {
      site.stop(0);
    }
    if (root != null) {
      dev.browserfleet.testing.TempDirs.deleteRecursively(root);
    }
    shortTemps.forEach(dev.browserfleet.testing.TempDirs::deleteRecursively);
  }

  @Test
  void jobsCompleteOnBothWorkersAndEveryArtifactDownloadsThroughTheApi() throws Exception {
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    var jobs = new ArrayList<String>();
    String body = """
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"wait","ms":2500},{"action":"screenshot"}],"waitUntil":"load"}
        """.formatted("http://127.0.0.1:" + site.getAddress().getPort() + "/");
    for (int i = 0; i < 6; i++) {
      var accepted = send("POST", "/jobs", body);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      jobs.add(json.readTree(accepted.body()).get("jobId").asString());
    }

    // Which worker runs what is in its heartbeat; a job of 2.5 s is seen by a poll every 200 ms.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
      try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "");
          var rs = db.createStatement().executeQuery(
              "SELECT metadata->>'instance' FROM browser_workers WHERE current_job_id IS NOT NULL")) {
        while (rs.next()) {
          ranOn.add(rs.getString(1));
        }
      }
      for (String job : jobs) {
        if (!"completed".equals(json.readTree(send("GET", "/jobs/" + job, null).body()).get("status").asString())) {
          return false;
        }
      }
      return true;
    });

    assertThat(ranOn).contains("nsd-worker-a", "nsd-worker-b");
    int downloaded = 0;
    for (String job : jobs) {
      JsonNode artifacts = json.readTree(send("GET", "/jobs/" + job + "/artifacts", null).body()).get("items");
      assertThat(artifacts.size()).as("artifacts of " + job).isEqualTo(1);
      for (JsonNode artifact : artifacts) {
        var download = http.send(request("GET", "/jobs/" + job + "/artifacts/" + artifact.get("id").asString(), null)
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
            .isEqualTo(artifact.get("sha256").asString());
        downloaded++;
      }
    }
    assertThat(downloaded).isEqualTo(6);
    // No process kept an artifact on its own disk: they are all in the store.
    for (String name : List.of("core", "worker-a", "worker-b")) {
      assertThat(root.resolve(name).resolve("artifacts")).doesNotExist();
    }
    try (var objects = Files.walk(root.resolve("s3").resolve("s3").resolve("blobs").resolve("browserfleet"))) {
      assertThat(objects.filter(Files::isRegularFile).count()).isEqualTo(6);
    }
  }

  private static Process start(String name, Map<String, String> env, String mainClass, String... args) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    builder.environment().put("BF_DATA_DIR", dir.toString());
    builder.environment().putAll(env);
    Process process = Reaper.ofThisJvm().enlist(builder).start();
    processes.add(process);
    return process;
  }

  /** A worker as an operator adds one, {@code bin/browserfleet worker}: the worker's own jar. */
  private static void startWorker(String name, Map<String, String> env) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    var builder = new ProcessBuilder(SCRIPT.toString(), "worker")
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    builder.environment().putAll(env);
    builder.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "BF_NO_BUILD", "1",
        "BF_DATA_DIR", dir.toString(),
        "BF_JAVA_OPTS", "-Xmx512m -Djava.io.tmpdir=" + shortTempDir()));
    processes.add(Reaper.ofThisJvm().enlist(builder).start());
  }

  // Chromium's sockets live under the temp dir, and a Unix socket path has at most 107 bytes.
  private static Path shortTempDir() throws IOException {
    Path tmp = Reaper.ofThisJvm().newDirectory(TMP, "w");
    shortTemps.add(tmp);
    return tmp;
  }

  private static void awaitLine(Process process, String name, String line) {
    Path log = root.resolve(name).resolve("out.log");
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(process.isAlive()).as(name + " runs (see " + log + ")").isTrue();
      return Files.readString(log).contains(line);
    });
  }

  private static long count(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "");
        var rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(api + path))
        .header("X-API-Key", ADMIN_KEY)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
