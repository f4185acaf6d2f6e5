package dev.browserfleet.standalone;

import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.WebDriverPage;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.engine.BrowserSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * A benchmark, not a test: it asserts nothing and runs only with {@code -Pbench} ({@code
 * bench/compare.sh}). It starts Browserfleet as {@code bin/browserfleet dev} does (one engine, N
 * slots), and, on the same pages and the same number of warm sessions, alternates a bare Selenium
 * loop (open the page, take a PNG screenshot, nothing else) with the pipeline (the same job
 * submitted by REST, done when a REST client sees {@code completed}). It prints, per page: jobs/s
 * on N sessions and one-at-a-time latency p50/p99 of each, their ratio, the mean of each stage of
 * the pipeline's jobs, and the CPU the idle system uses.
 */
@Tag("bench")
class CompareBench {

  private static final String ENGINE = System.getProperty("bench.engine", "chromium");
  private static final int SESSIONS = Integer.getInteger("bench.sessions", 2);
  private static final int JOBS = Integer.getInteger("bench.jobs", 60);
  private static final int LATENCY_JOBS = Integer.getInteger("bench.latencyJobs", 40);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  /** Jobs run before anything is measured, so that the JVM's JIT compilers have done most of their start-up work. */
  private static final int WARMUP = Integer.getInteger("bench.warmup", 120);
  private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 60));
  private static final String ADMIN_KEY = "bfa_bench-admin-key-0123456789abcdef0123";

  private final HttpClient http = HttpClient.newHttpClient();
  private String api;
  private String key;
  private CpuParts idleParts;
  private final List<String> idleLines = new ArrayList<>();

  @Test
  void pipelineAgainstABareSeleniumLoop() throws Exception {
    Path data = Files.createTempDirectory("browserfleet-bench");
    var launcher = new Browserfleet();
    try (var site = new BenchSite()) {
      launcher.start(DevSettings.from(Map.of("BF_DATA_DIR", data.toString(), "BF_HTTP_PORT", "0", "BF_KAFKA_PORT", "0",
          "BF_ALLOW_PRIVATE_TARGETS", "true", "BF_ADMIN_KEY", ADMIN_KEY)),
          "--browserfleet.worker.engines=" + ENGINE, "--browserfleet.worker.slots=" + SESSIONS);
      launcher.awaitReady(Duration.ofMinutes(3));
      api = "http://127.0.0.1:" + launcher.context().getEnvironment().getProperty("local.server.port") + "/api/v1";
      key = TestSystem.json(send("POST", "/admin/api-keys", ADMIN_KEY,
          "{\"clientId\":\"bench\",\"name\":\"bench\",\"rateLimit\":1000000}")).path("key").asString();
      int typeId = desktopTypeOf(ENGINE);
      var rows = new ArrayList<String[]>();
      rows.add(new String[] {"page", "", "jobs/s on " + SESSIONS, "p50 ms", "p99 ms"});
      var stages = new ArrayList<String>();
      var cpuLines = new ArrayList<String>();
      var cpu = new CpuParts("bench-bare", data.toString());
      idleParts = cpu;
      pipelineThroughput(typeId, site.url("/small.html"), WARMUP);
      for (String page : List.of("/small.html", "/article.html")) {
        String url = site.url(page);
        pipelineLatency(typeId, url, 5);
        var bare = new ArrayList<Double>();
        var pipe = new ArrayList<Double>();
        var bareLatency = new ArrayList<Double>();
        var pipeLatency = new ArrayList<Double>();
        var stageTotals = new java.util.TreeMap<String, double[]>();
        var bareCpu = new java.util.TreeMap<String, Double>();
        var pipeCpu = new java.util.TreeMap<String, Double>();
        var pipeRequests = new java.util.TreeMap<String, Double>();
        try (var loop = new BareLoop(SESSIONS)) {
          loop.latency(url, 5);
          for (int round = 0; round < ROUNDS; round++) {
            Map<String, Double> start = cpu.snapshot();
            bare.add(loop.throughput(url, JOBS));
            Map<String, Double> between = cpu.snapshot();
            Map<String, Double> requestsBefore = BrokerRequests.snapshot();
            pipe.add(pipelineThroughput(typeId, url, JOBS));
            Map<String, Double> end = cpu.snapshot();
            BrokerRequests.snapshot().forEach((request, count) ->
                pipeRequests.merge(request, count - requestsBefore.getOrDefault(request, 0.0), Double::sum));
            between.forEach((part, used) -> bareCpu.merge(part, used - start.getOrDefault(part, 0.0), Double::sum));
            end.forEach((part, used) -> pipeCpu.merge(part, used - between.getOrDefault(part, 0.0), Double::sum));
            bareLatency.addAll(loop.latency(url, LATENCY_JOBS));
            Map<String, double[]> before = BenchNumbers.stages(metrics(), ENGINE);
            pipeLatency.addAll(pipelineLatency(typeId, url, LATENCY_JOBS));
            BenchNumbers.addDelta(stageTotals, before, BenchNumbers.stages(metrics(), ENGINE));
          }
        }
        stages.add(page + ": " + BenchNumbers.stageMeans(stageTotals));
        cpuLines.add(page + ", bare loop: " + String.join(", ", CpuParts.perJob(Map.of(), bareCpu, JOBS * ROUNDS, 3)));
        cpuLines.add(page + ", Browserfleet: " + String.join(", ", CpuParts.perJob(Map.of(), pipeCpu, JOBS * ROUNDS, 16)));
        cpuLines.add(page + ", by kind, bare loop: " + CpuParts.groups(Map.of(), bareCpu, JOBS * ROUNDS)
            + "; Browserfleet: " + CpuParts.groups(Map.of(), pipeCpu, JOBS * ROUNDS));
        cpuLines.add(page + ", broker requests per job: " + BrokerRequests.perJob(Map.of(), pipeRequests, JOBS * ROUNDS));
        double bareRate = median(bare);
        double pipeRate = median(pipe);
        rows.add(new String[] {page, "bare Selenium", fmt(bareRate), fmt(BenchNumbers.percentile(bareLatency, 50)),
            fmt(BenchNumbers.percentile(bareLatency, 99))});
        rows.add(new String[] {page, "Browserfleet", fmt(pipeRate), fmt(BenchNumbers.percentile(pipeLatency, 50)),
            fmt(BenchNumbers.percentile(pipeLatency, 99))});
        rows.add(new String[] {page, "ratio / difference", String.format("%.2f", pipeRate / bareRate),
            signed(BenchNumbers.percentile(pipeLatency, 50) - BenchNumbers.percentile(bareLatency, 50)),
            signed(BenchNumbers.percentile(pipeLatency, 99) - BenchNumbers.percentile(bareLatency, 99))});
      }
      double idle = idleCpu();
      System.out.printf("%nbench: %s, %d warm sessions, %d rounds alternating; jobs/s: %d jobs at once (median of rounds);"
          + " latency: %d jobs one at a time per round, submit to completed as a REST client sees it%n",
          ENGINE, SESSIONS, ROUNDS, JOBS, LATENCY_JOBS);
      System.out.print(BenchNumbers.table(rows));
      stages.forEach(s -> System.out.println("bench: stage means of the one-at-a-time jobs, " + s));
      cpuLines.forEach(s -> System.out.println("bench: CPU per job in ms while " + JOBS + " ran at once, " + s));
      System.out.printf("bench: idle, all processes (JVM, browsers, PostgreSQL): %.1f%% of one core over %d s%n",
          idle, IDLE.toSeconds());
      idleLines.forEach(s -> System.out.println("bench: idle, " + s));
      System.out.println();
    } finally {
      launcher.stop();
      try (var paths = Files.walk(data)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Submits {@code jobs} at once and returns jobs/s from the first one's creation to the last one's completion. */
  private double pipelineThroughput(int typeId, String url, int jobs) throws Exception {
    var ids = new ArrayList<String>();
    for (int i = 0; i < jobs; i++) {
      ids.add(submit(typeId, url));
    }
    Instant first = null;
    Instant last = null;
    for (String id : ids) {
      // Its row's own times say when it ran; polling slowly leaves the 2 cores to the jobs.
      JsonNode job = awaitCompleted(id, 100);
      Instant created = Instant.parse(job.path("createdAt").asString());
      Instant completed = Instant.parse(job.path("completedAt").asString());
      first = first == null || created.isBefore(first) ? created : first;
      last = last == null || completed.isAfter(last) ? completed : last;
    }
    return jobs / (Duration.between(first, last).toNanos() / 1e9);
  }

  /**
   * Milliseconds from each submission to a GET that answers {@code completed}, one job at a time:
   * the client asks once and the API answers when the job has ended ({@code waitMs}).
   */
  private List<Double> pipelineLatency(int typeId, String url, int jobs) throws Exception {
    var times = new ArrayList<Double>();
    for (int i = 0; i < jobs; i++) {
      long start = System.nanoTime();
      String id = submit(typeId, url);
      JsonNode job = TestSystem.json(send("GET", "/jobs/" + id + "?waitMs=30000", key, null));
      if (!job.path("status").asString().equals("completed")) {
        awaitCompleted(id, 2); // still running after 30 s, or ended badly: poll, which says how
      }
      times.add((System.nanoTime() - start) / 1e6);
    }
    return times;
  }

  private String submit(int typeId, String url) throws Exception {
    var accepted = send("POST", "/jobs", key, "{\"browserTypeId\":" + typeId + ",\"targetUrl\":\"" + url
        + "\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\",\"priority\":50}");
    if (accepted.statusCode() != 202) {
      throw new IllegalStateException("submission refused: " + accepted.body());
    }
    return TestSystem.json(accepted).path("jobId").asString();
  }

  private JsonNode awaitCompleted(String id, long pollMillis) throws Exception {
    while (true) {
      JsonNode job = TestSystem.json(send("GET", "/jobs/" + id, key, null));
      switch (job.path("status").asString()) {
        case "completed" -> {
          return job;
        }
        case "failed", "cancelled" -> throw new IllegalStateException("a benchmark job ended badly: " + job);
        default -> Thread.sleep(pollMillis);
      }
    }
  }

  private int desktopTypeOf(String engine) throws Exception {
    for (JsonNode type : TestSystem.json(send("GET", "/browser-types", key, null))) {
      if (type.path("type").asString().equals(engine) && type.path("deviceType").asString().equals("desktop")
          && type.path("isActive").asBoolean()) {
        return type.path("id").asInt();
      }
    }
    throw new IllegalStateException("no desktop browser type for " + engine);
  }

  /** The whole process tree's CPU while nothing runs, as a percentage of one core. */
  private double idleCpu() throws InterruptedException {
    Thread.sleep(10_000);
    double before = BenchNumbers.treeCpuSeconds();
    Map<String, Double> requestsBefore = BrokerRequests.snapshot();
    Map<String, Double> partsBefore = idleParts.snapshot();
    Thread.sleep(IDLE.toMillis());
    double used = BenchNumbers.treeCpuSeconds() - before;
    idleLines.add("broker requests per second: " + BrokerRequests.perJob(requestsBefore, BrokerRequests.snapshot(), (int) IDLE.toSeconds()));
    idleLines.add("% of a core by part: " + String.join(", ", CpuParts.shares(partsBefore, idleParts.snapshot(), IDLE.toSeconds(), 20)));
    return used / IDLE.toSeconds() * 100;
  }

  private String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api.replace("/api/v1", "/actuator/prometheus"))).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(api + path)).header("X-API-Key", apiKey)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double median(List<Double> values) {
    return BenchNumbers.percentile(values, 50);
  }

  private static String signed(double difference) {
    return (difference < 0 ? "-" : "+") + fmt(Math.abs(difference));
  }

  private static String fmt(double value) {
    return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
  }

  /**
   * The bare loop: warm drivers that open a page and take a screenshot, nothing else. Chromium is
   * plain chromedriver; Firefox and WebKit have no plain driver here, so they use the worker's own
   * driver (Firefox over BiDi, WebKit through WebKitWebDriver), guard proxy included.
   */
  private static final class BareLoop implements AutoCloseable {

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<BrowserSession> sessions = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();

    BareLoop(int count) throws Exception {
      for (int i = 0; i < count; i++) {
        drivers.add(start());
      }
    }

    private WebDriver start() throws Exception {
      Path temp = Files.createTempDirectory("bench-bare");
      temps.add(temp);
      Supplier<DriverFactory> factory = switch (ENGINE) {
        case "firefox" -> () -> new FirefoxBiDiFactory(FirefoxBiDiFactory.Settings.debianDefaults(temp));
        case "webkit" -> () -> new WebKitDriverFactory(WebKitDriverFactory.Settings.debianDefaults(temp));
        default -> null;
      };
      if (factory == null) {
        // Its profile and the directories Chromium makes under TMPDIR go in temp, removed at close.
        var options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--window-size=1280,720",
            "--user-data-dir=" + temp.resolve("profile"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .withEnvironment(Map.of("TMPDIR", temp.toString())).build(), options);
      }
      BrowserSession session = factory.get().open();
      sessions.add(session);
      return WebDriverPage.driverOf(session);
    }

    private static void job(WebDriver driver, String url) {
      driver.get(url);
      ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    double throughput(String url, int jobs) throws Exception {
      var left = new AtomicInteger(jobs);
      var tasks = new ArrayList<Callable<Void>>();
      for (WebDriver driver : drivers) {
        tasks.add(() -> {
          while (left.getAndDecrement() > 0) {
            job(driver, url);
          }
          return null;
        });
      }
      long begin = System.nanoTime();
      try (var threads = Executors.newFixedThreadPool(drivers.size())) {
        for (var done : threads.invokeAll(tasks)) {
          done.get();
        }
      }
      return jobs / ((System.nanoTime() - begin) / 1e9);
    }

    List<Double> latency(String url, int jobs) {
      var times = new ArrayList<Double>();
      for (int i = 0; i < jobs; i++) {
        long start = System.nanoTime();
        job(drivers.getFirst(), url);
        times.add((System.nanoTime() - start) / 1e6);
      }
      return times;
    }

    @Override
    public void close() {
      if (sessions.isEmpty()) {
        drivers.forEach(WebDriver::quit);
      }
      sessions.forEach(BrowserSession::close);
      for (Path temp : temps) {
        try (var paths = Files.walk(temp)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
          System.err.println("bench: could not remove " + temp + ": " + e);
        }
      }
    }
  }
}
