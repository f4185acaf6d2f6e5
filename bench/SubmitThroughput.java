import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained submission throughput of a running Browserfleet (bin/browserfleet dev), as REST
 * clients see it: CONCURRENCY clients each POST jobs back to back for SECONDS, after a warm-up,
 * with one client key whose rate limit is out of the way. Prints accepted jobs per second and
 * the p50, p99 and maximum latency of a POST. Run with bench/throughput.sh.
 */
public final class SubmitThroughput {

  public static void main(String[] args) throws Exception {
    String api = env("BF_API", "http://localhost:8080");
    String admin = System.getenv("BF_ADMIN_KEY");
    if (admin == null || admin.isBlank()) {
      throw new IllegalArgumentException("set BF_ADMIN_KEY to the admin key bin/browserfleet dev printed");
    }
    int concurrency = Integer.parseInt(env("CONCURRENCY", "64"));
    int seconds = Integer.parseInt(env("SECONDS", "30"));
    int warmup = Integer.parseInt(env("WARMUP_SECONDS", "10"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    String created = http.send(
        HttpRequest.newBuilder(URI.create(api + "/api/v1/admin/api-keys"))
            .header("X-API-Key", admin).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"bench\",\"name\":\"throughput bench\",\"rateLimit\":1000000}"))
            .build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
    if (!key.find()) {
      throw new IllegalStateException("could not create a client key: " + created);
    }
    // A public address literal: no DNS on the hot path, and allowed without BF_ALLOW_PRIVATE_TARGETS.
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{\"action\":\"wait\",\"ms\":1}]}";
    HttpRequest submit = HttpRequest.newBuilder(URI.create(api + "/api/v1/jobs"))
        .header("X-API-Key", key.group(1)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();

    System.out.printf("warming up %d s with %d clients...%n", warmup, concurrency);
    run(http, submit, concurrency, warmup);
    System.out.printf("measuring %d s with %d clients...%n", seconds, concurrency);
    Result result = run(http, submit, concurrency, seconds);
    long[] latencies = result.latenciesMicros();
    Arrays.sort(latencies);
    long accepted = result.statuses().getOrDefault(202, new LongAdder()).sum();
    System.out.printf("accepted: %d jobs in %d s = %.0f jobs/s%n", accepted, seconds, accepted / (double) seconds);
    System.out.printf("latency of a POST: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
        percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0,
        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0, latencies.length);
    System.out.println("statuses: " + result.statuses());
  }

  private record Result(long[] latenciesMicros, Map<Integer, LongAdder> statuses) {}

  private static Result run(HttpClient http, HttpRequest submit, int concurrency, int seconds) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    var statuses = new ConcurrentHashMap<Integer, LongAdder>();
    long[][] perClient = new long[concurrency][];
    var counts = new AtomicInteger();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < concurrency; c++) {
        int client = c;
        pool.submit(() -> {
          long[] mine = new long[1 << 16];
          int n = 0;
          while (System.nanoTime() < end) {
            long start = System.nanoTime();
            int status;
            try {
              status = http.send(submit, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
              status = -1;
            }
            long micros = (System.nanoTime() - start) / 1000;
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = micros;
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
          }
          perClient[client] = Arrays.copyOf(mine, n);
          counts.addAndGet(n);
        });
      }
    }
    long[] all = new long[counts.get()];
    int at = 0;
    for (long[] mine : perClient) {
      System.arraycopy(mine, 0, all, at, mine.length);
      at += mine.length;
    }
    return new Result(all, statuses);
  }

  private static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
