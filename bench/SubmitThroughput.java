import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained submission throughput of a running Browserfleet (bin/browserfleet dev, or
 * BF_SERVICES=ingest-api bin/browserfleet dev for the ingest tier alone), as REST clients see it:
 * CONCURRENCY clients (48 by default; a list such as "32 48 64" measures each in turn) each POST
 * jobs back to back over their own keep-alive HTTP/1.1 connection for SECONDS, after a warm-up,
 * with one client key whose rate limit is out of the way. Prints
 * which services answered, accepted jobs per second, the p50, p99 and maximum latency of a POST,
 * and, when the server runs on this machine, its CPU time per accepted job by thread group, the
 * client's own CPU time per request, and the load average. Run with bench/throughput.sh.
 *
 * <p>The clients write a prepared request on a plain socket and read the response by its
 * Content-Length (or chunks): far cheaper than java.net.http on the same cores as the server.
 */
public final class SubmitThroughput {

  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  public static void main(String[] args) throws Exception {
    URI api = URI.create(env("BF_API", "http://localhost:8080"));
    String admin = System.getenv("BF_ADMIN_KEY");
    if (admin == null || admin.isBlank()) {
      throw new IllegalArgumentException("set BF_ADMIN_KEY to the admin key bin/browserfleet dev printed");
    }
    // 48: on two cores that the server shares with this client, more clients queue for the same
    // cores (64 gave the same jobs/s with a third more latency); CONCURRENCY="32 48 64" shows it.
    List<Integer> levels = Arrays.stream(env("CONCURRENCY", "48").split("[\\s,]+"))
        .filter(level -> !level.isEmpty()).map(Integer::parseInt).toList();
    int seconds = Integer.parseInt(env("SECONDS", "30"));
    int warmup = Integer.parseInt(env("WARMUP_SECONDS", "10"));
    // 3 is the seeded desktop Firefox type: no worker of the dev stack runs Firefox, so the jobs
    // queue in their lane and no browser spends the cores on them during the run.
    int browserType = Integer.parseInt(env("BROWSER_TYPE_ID", "3"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    String health = http.send(HttpRequest.newBuilder(api.resolve("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
    boolean wholeStack = health.contains("projector") || health.contains("dispatcher");
    String created = http.send(
        HttpRequest.newBuilder(api.resolve("/api/v1/admin/api-keys"))
            .header("X-API-Key", admin).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"bench\",\"name\":\"throughput bench\",\"rateLimit\":1000000}"))
            .build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
    if (!key.find()) {
      throw new IllegalStateException("could not create a client key: " + created);
    }
    // A public address literal: no DNS on the hot path, and allowed without BF_ALLOW_PRIVATE_TARGETS.
    String body = "{\"browserTypeId\":" + browserType + ",\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{\"action\":\"wait\",\"ms\":1}]}";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    int port = api.getPort() < 0 ? 80 : api.getPort();
    byte[] request = ("POST /api/v1/jobs HTTP/1.1\r\nHost: " + api.getHost() + ":" + port + "\r\n"
            + "X-API-Key: " + key.group(1) + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
            + "Content-Length: " + bodyBytes.length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8);
    var address = new InetSocketAddress(api.getHost(), port);
    Optional<Long> serverPid = serverPid(port);

    System.out.printf("target: %s, %s%n", api, wholeStack
        ? "the whole stack (ingest-api, dispatcher, projector and worker in one JVM; /actuator/health lists them)"
        : "the ingest tier alone (ingest-api with its broker and PostgreSQL; no dispatcher, projector or worker)");
    System.out.printf("jobs: browser type %d%s%n", browserType, browserType == 3
        ? " (Firefox: no worker of the dev stack runs it, so no browser runs them during the benchmark; they stay pending)" : "");
    System.out.printf("machine: %d cores, shared by the server, this client and anything else running; load average %s%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    var summary = new ArrayList<String>();
    for (int concurrency : levels) {
      System.out.printf("warming up %d s with %d clients...%n", warmup, concurrency);
      run(address, request, concurrency, warmup);
      summary.add(measure(address, request, concurrency, seconds, port, serverPid));
    }
    if (levels.size() > 1) {
      System.out.println("clients  jobs/s   p50 ms  p99 ms  server ms/job");
      summary.forEach(System.out::println);
    }
  }

  /** One measured run at {@code concurrency}: prints its numbers, returns them as a summary line. */
  private static String measure(
      InetSocketAddress address, byte[] request, int concurrency, int seconds, int port, Optional<Long> serverPid)
      throws InterruptedException {
    String loadBefore = loadAverage();
    Map<String, Long> serverBefore = serverPid.map(SubmitThroughput::threadTicks).orElse(Map.of());
    long clientBefore = ownCpuNanos();
    System.out.printf("measuring %d s with %d clients...%n", seconds, concurrency);
    Result result = run(address, request, concurrency, seconds);
    long clientCpu = ownCpuNanos() - clientBefore;
    Map<String, Long> serverAfter = serverPid.map(SubmitThroughput::threadTicks).orElse(Map.of());
    String loadAfter = loadAverage();

    long[] latencies = result.latenciesMicros();
    Arrays.sort(latencies);
    long accepted = result.statuses().getOrDefault(202, new LongAdder()).sum();
    double p50 = percentile(latencies, 50) / 1000.0;
    double p99 = percentile(latencies, 99) / 1000.0;
    System.out.printf("accepted: %d jobs in %d s = %.0f jobs/s%n", accepted, seconds, accepted / (double) seconds);
    System.out.printf("latency of a POST: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
        p50, p99, latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0, latencies.length);
    System.out.println("statuses: " + new TreeMap<>(result.statuses()) + ", reconnects: " + result.connections());
    System.out.printf("load average: %s before, %s after the measured run%n", loadBefore, loadAfter);
    System.out.printf("client CPU: %.3f ms per request (%.0f%% of one core)%n",
        clientCpu / 1e6 / Math.max(1, latencies.length), 100.0 * clientCpu / 1e9 / seconds);
    String line = String.format("%7d  %6.0f  %6.1f  %6.1f", concurrency, accepted / (double) seconds, p50, p99);
    if (serverPid.isEmpty() || accepted == 0) {
      System.out.println("server CPU: not measured (no process of this user listens on port " + port + " here)");
      return line + "  -";
    }
    var perGroup = new HashMap<String, Long>();
    serverAfter.forEach((group, ticks) -> perGroup.merge(group, ticks - serverBefore.getOrDefault(group, 0L), Long::sum));
    long total = perGroup.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("server CPU (pid %d): %.3f ms per accepted job (%.0f%% of one core); by thread group, ms per job:%n",
        serverPid.get(), msPerJob(total, accepted), 100.0 * total / TICKS_PER_SECOND / seconds);
    perGroup.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(12)
        .forEach(e -> System.out.printf("  %-28s %.3f%n", e.getKey(), msPerJob(e.getValue(), accepted)));
    return line + String.format("  %13.3f", msPerJob(total, accepted));
  }

  private static double msPerJob(long ticks, long jobs) {
    return ticks * 1000.0 / TICKS_PER_SECOND / jobs;
  }

  private record Result(long[] latenciesMicros, Map<Integer, LongAdder> statuses, int connections) {}

  private static Result run(InetSocketAddress address, byte[] request, int concurrency, int seconds) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    var statuses = new ConcurrentHashMap<Integer, LongAdder>();
    long[][] perClient = new long[concurrency][];
    var counts = new AtomicInteger();
    var connections = new AtomicInteger();
    var threads = new ArrayList<Thread>();
    for (int c = 0; c < concurrency; c++) {
      int client = c;
      threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
        long[] mine = new long[1 << 16];
        int n = 0;
        Connection connection = null;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          int status;
          try {
            if (connection == null) {
              connection = new Connection(address);
              connections.incrementAndGet();
            }
            status = connection.exchange(request);
            if (!connection.keepAlive) {
              connection.close();
              connection = null;
            }
          } catch (IOException e) {
            status = -1;
            if (connection != null) {
              connection.close();
              connection = null;
            }
          }
          long micros = (System.nanoTime() - start) / 1000;
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = micros;
          statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
        if (connection != null) {
          connection.close();
        }
        perClient[client] = Arrays.copyOf(mine, n);
        counts.addAndGet(n);
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = new long[counts.get()];
    int at = 0;
    for (long[] mine : perClient) {
      System.arraycopy(mine, 0, all, at, mine.length);
      at += mine.length;
    }
    return new Result(all, statuses, connections.get() - concurrency);
  }

  /** One keep-alive HTTP/1.1 connection: writes a prepared request, reads one response. */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    boolean keepAlive = true;

    Connection(InetSocketAddress address) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(address, 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          keepAlive = false;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
          in.skipNBytes(size);
          line();
        }
        line();
      } else if (length > 0) {
        in.skipNBytes(length);
      }
      return status;
    }

    private String line() throws IOException {
      var line = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** The process of this user listening on the port, from ss; empty when there is none or no ss. */
  private static Optional<Long> serverPid(int port) {
    String given = System.getenv("SERVER_PID");
    if (given != null && !given.isBlank()) {
      return Optional.of(Long.parseLong(given.trim()));
    }
    try {
      Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ss.waitFor();
      Matcher pid = Pattern.compile("pid=(\\d+)").matcher(out);
      return pid.find() ? Optional.of(Long.parseLong(pid.group(1))) : Optional.empty();
    } catch (IOException | InterruptedException e) {
      return Optional.empty();
    }
  }

  /** CPU ticks (user + system) of each thread of a process, summed by name with digits dropped. */
  private static Map<String, Long> threadTicks(long pid) {
    var ticks = new HashMap<String, Long>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "#");
          String[] fields = stat.substring(close + 2).split(" ");
          ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
