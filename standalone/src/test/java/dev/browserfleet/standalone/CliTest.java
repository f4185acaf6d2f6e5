package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.cli.BrowserfleetCli;
import dev.browserfleet.contracts.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The command-line client ({@code bin/browserfleet submit|jobs|show|logs|watch|cancel|artifacts})
 * against the running system of {@link TestSystem}: every command, its exit codes and its
 * {@code --json} output. Each run is {@link BrowserfleetCli#run} in this JVM with the environment
 * and streams a shell would give it, which is what {@code main} does.
 */
class CliTest {

  private static TestSystem system;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    system = TestSystem.get();
    work = Files.createTempDirectory("browserfleet-cli-test");
  }

  @AfterAll
  static void removeWork() {
    dev.browserfleet.testing.TempDirs.deleteRecursively(work);
  }

  /** What one command printed and how it ended. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      return JsonCodec.readTree(out.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Run cli(Map<String, String> env, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit;
    try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = BrowserfleetCli.run(args, env, work, o, e, false);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run cli(String... args) {
    return cli(Map.of("BF_API_URL", system.api.replace("/api/v1", ""), "BF_API_KEY", system.clientKey), args);
  }

  private static String jobFile(String name, String actions, int maxRetries) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, "{\"browserTypeId\":1,\"targetUrl\":\"" + system.siteUrl + "\",\"waitUntil\":\"load\","
        + "\"maxRetries\":" + maxRetries + ",\"actions\":" + actions + "}");
    return file.getFileName().toString();
  }

  @Test
  void submitWaitFollowsACompletingJobActionByActionAndExitsZero() throws Exception {
    String file = jobFile("ok.json", "[{\"action\":\"extract\",\"name\":\"heading\",\"target\":\"h1\"},{\"action\":\"screenshot\"}]", 0);

    Run run = cli("submit", file, "--wait");

    assertThat(run.exit()).as(run.err()).isZero();
    String jobId = run.out().lines().findFirst().orElseThrow();
    assertThat(jobId).matches("[0-9a-f-]{36}");
    assertThat(run.out()).contains(jobId + " completed in ");
    assertThat(run.err()).contains("action 1 of 2: extract").contains("action 2 of 2: screenshot").contains("] action 2 of 2: screenshot  completed");
    assertThat(system.job(jobId).path("status").asString()).isEqualTo("completed");

    // The other commands, on that job.
    Run show = cli("show", jobId);
    assertThat(show.exit()).isZero();
    assertThat(show.out()).contains("status        completed").contains("1. extract      ok in").contains("2. screenshot   ok in")
        .contains("\"heading\"").contains("image/png");
    assertThat(cli("show", jobId, "--json").json().path("jobId").asString()).isEqualTo(jobId);

    Run logs = cli("logs", jobId);
    assertThat(logs.exit()).isZero();
    assertThat(logs.out()).contains("info   opened " + system.siteUrl).contains("action 2/2 screenshot");
    assertThat(cli("logs", jobId, "--json").json().size()).isEqualTo(logs.out().lines().count());

    Run watch = cli("watch", jobId);
    assertThat(watch.exit()).isZero();
    assertThat(watch.out()).contains(jobId + " completed");

    Run listed = cli("jobs", "--status", "completed", "--limit", "100");
    assertThat(listed.exit()).isZero();
    assertThat(listed.out().lines().findFirst().orElseThrow()).startsWith("JOB").contains("STATUS").contains("TARGET");
    assertThat(listed.out()).contains(jobId);
    JsonNode page = cli("jobs", "--status", "completed", "--limit", "100", "--json").json();
    assertThat(page.path("items").findValuesAsString("status")).containsOnly("completed");
    assertThat(page.path("items").findValuesAsString("jobId")).contains(jobId);
  }

  @Test
  void submitWaitOnAFailingJobPrintsItsErrorAndExitsOne() throws Exception {
    String file = jobFile("fails.json", "[{\"action\":\"click\",\"target\":\"#no-such-button\",\"timeoutMs\":500}]", 0);

    Run run = cli("submit", file, "--wait");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    String jobId = run.out().lines().findFirst().orElseThrow();
    assertThat(run.out()).contains(jobId + " failed");
    assertThat(run.err()).contains("job " + jobId + " failed: action 1/1 click on").contains("#no-such-button");
    assertThat(cli("watch", jobId).exit()).isEqualTo(1);
    JsonNode finished = cli("watch", jobId, "--json").json();
    assertThat(finished.path("status").asString()).isEqualTo("failed");
  }

  @Test
  void aFileThatIsNotJsonIsBadInputAndNothingIsSent() throws Exception {
    Files.writeString(work.resolve("broken.json"), "{\"browserTypeId\": 1, \"targetUrl\": ");
    long before = cli("jobs", "--limit", "100", "--json").json().path("items").size();

    Run run = cli("submit", "broken.json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("broken.json is not valid JSON").contains("line 1");
    assertThat(run.out()).isEmpty();
    assertThat(cli("jobs", "--limit", "100", "--json").json().path("items").size()).isEqualTo(before);
    assertThat(cli("submit", "missing.json").exit()).isEqualTo(2);
  }

  @Test
  void aJobTheApiRefusesIsBadInputWithTheFieldAtFault() throws Exception {
    Files.writeString(work.resolve("unknown-type.json"),
        "{\"browserTypeId\":99,\"targetUrl\":\"" + system.siteUrl + "\",\"actions\":[{\"action\":\"screenshot\"}]}");

    Run run = cli("submit", "unknown-type.json", "--wait");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("the API answered 400").contains("browserTypeId");
  }

  @Test
  void anUnreachableApiExitsTwoAndSaysWhichUrlItTried() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    Path file = work.resolve(jobFile("unreachable.json", "[{\"action\":\"screenshot\"}]", 0));

    for (List<String> args : List.of(List.of("submit", file.toString(), "--wait"), List.of("jobs"),
        List.of("watch", "00000000-0000-4000-8000-000000000000"))) {
      Run run = cli(Map.of("BF_API_URL", url, "BF_API_KEY", system.clientKey), args.toArray(String[]::new));
      assertThat(run.exit()).as(args.toString()).isEqualTo(2);
      assertThat(run.err()).contains("cannot reach the Browserfleet API at " + url + "/api/v1");
    }
  }

  @Test
  void badArgumentsAMissingKeyAndAnUnknownJobExitTwo() {
    assertThat(cli("jobs", "--status", "sleeping").err()).contains("--status must be one of");
    assertThat(cli("jobs", "--limit", "500").exit()).isEqualTo(2);
    assertThat(cli("jobs", "--colour").err()).contains("unknown option --colour");
    assertThat(cli("show").exit()).isEqualTo(2);
    assertThat(cli("show", "not-a-job").err()).contains("not a job id");
    assertThat(cli("frobnicate").exit()).isEqualTo(2);
    Run unknown = cli("show", "00000000-0000-4000-8000-000000000000");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("the API answered 404");
    Run noKey = cli(Map.of("BF_API_URL", system.api), "jobs");
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("BF_API_KEY is not set");
    Run wrongKey = cli(Map.of("BF_API_URL", system.api, "BF_API_KEY", "bfk_wrong"), "jobs");
    assertThat(wrongKey.exit()).isEqualTo(2);
    assertThat(wrongKey.err()).contains("the API answered 401").contains("check BF_API_KEY");
  }

  /**
   * Through the real entry point, from another directory: bin/browserfleet runs the client's jar
   * (built by this build's cli module) with the caller's directory, and passes its exit code on.
   */
  @Test
  void binBrowserfleetRunsTheClientInTheCallersDirectoryAndPassesItsExitCodeOn() throws Exception {
    String file = jobFile("via-script.json", "[{\"action\":\"click\",\"target\":\"#absent\",\"timeoutMs\":300}]", 0);
    Path script = Path.of("..", "bin", "browserfleet").toAbsolutePath().normalize();
    var process = new ProcessBuilder(script.toString(), "submit", file, "--wait")
        .directory(work.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    process.environment().putAll(Map.of("BF_API_URL", system.api, "BF_API_KEY", system.clientKey, "BF_NO_BUILD", "1"));
    Process running = process.start();
    String out = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(running.waitFor()).as(out).isEqualTo(1);
    assertThat(out).matches("(?s)[0-9a-f-]{36}\n[0-9a-f-]{36} failed.*");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("submit", "jobs", "show", "logs", "watch", "cancel", "artifacts")) {
      Run help = cli("help", command);
      assertThat(help.exit()).isZero();
      assertThat(help.out()).startsWith("usage: browserfleet " + command);
      assertThat(cli(command, "--help").out()).isEqualTo(help.out());
    }
    assertThat(cli("help").out()).contains("Exit codes:").contains("BF_API_URL").contains("artifacts ID [--out DIR]");
  }

  @Test
  void cancelStopsARunningJobAndWatchThenExitsOne() throws Exception {
    String file = jobFile("long.json", "[{\"action\":\"wait\",\"ms\":30000}]", 0);
    String jobId = cli("submit", file).out().strip();
    system.awaitStatus(jobId, "processing", Duration.ofSeconds(60));

    Run cancel = cli("cancel", jobId);

    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains("cancellation requested for " + jobId);
    Run watch = cli("watch", jobId);
    assertThat(watch.exit()).isEqualTo(1);
    assertThat(watch.out()).contains(jobId + " cancelled");
    Run again = cli("cancel", jobId);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("the API answered 409");
  }

  @Test
  void artifactsAreDownloadedAndEachSha256IsVerified() throws Exception {
    String file = jobFile("shots.json", "[{\"action\":\"screenshot\"},{\"action\":\"pdf\"}]", 0);
    Run submitted = cli("submit", file, "--wait");
    assertThat(submitted.exit()).as(submitted.err()).isZero();
    String jobId = submitted.out().lines().findFirst().orElseThrow();

    Run run = cli("artifacts", jobId, "--out", "downloads", "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = run.json();
    assertThat(report.path("artifacts")).hasSize(2);
    for (JsonNode artifact : report.path("artifacts")) {
      assertThat(artifact.path("verified").asBoolean()).isTrue();
      Path downloaded = Path.of(artifact.path("file").asString());
      assertThat(downloaded.getParent()).isEqualTo(work.resolve("downloads"));
      assertThat(sha256(Files.readAllBytes(downloaded))).isEqualTo(artifact.path("expectedSha256").asString());
    }
    assertThat(report.path("artifacts").findValuesAsString("mimeType")).containsExactlyInAnyOrder("image/png", "application/pdf");

    // Bytes changed in the store after the worker recorded their hash: the client must notice.
    JsonNode screenshot = system.job(jobId).path("artifacts").get(0);
    Path stored = storedFile(jobId, screenshot.path("id").asString());
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(stored, bytes);
    Run tampered = cli("artifacts", jobId, "--out", "tampered");

    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.err()).contains("artifact " + screenshot.path("id").asString() + ": SHA-256")
        .contains("does not match the recorded " + screenshot.path("sha256").asString()).contains("the download was deleted");
    try (var files = Files.list(work.resolve("tampered"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(1).allMatch(n -> n.endsWith(".pdf"));
    }
  }

  private static Path storedFile(String jobId, String artifactId) throws Exception {
    Path[] found = new Path[1];
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      try (var db = system.database();
          var statement = db.prepareStatement("SELECT file_path FROM job_artifacts WHERE job_id = ?::uuid AND id = ?::uuid")) {
        statement.setString(1, jobId);
        statement.setString(2, artifactId);
        try (var rs = statement.executeQuery()) {
          if (rs.next()) {
            found[0] = system.dataDir.resolve("artifacts").resolve(rs.getString(1));
            return Files.exists(found[0]);
          }
        }
      }
      return false;
    });
    return found[0];
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
