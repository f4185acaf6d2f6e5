import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client side of bench/faults.sh: submits jobs, probes the API, produces bad records, and counts
 * what became of every job on bf.job-events and in PostgreSQL. Run with the standalone jar's
 * libraries on the class path (faults.sh does): {@code java -cp 'lib/*' bench/FaultTool.java <command> ...}.
 *
 * <p>Every command prints {@code key=value} pairs on one line; faults.sh reads them.
 */
public class FaultTool {

  static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
  static final Set<String> TERMINAL = Set.of("job.succeeded", "job.failed", "job.cancelled", "job.rejected");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "submit" -> Submit.run(args);
      case "probe" -> Probe.run(args);
      case "await" -> Await.run(args);
      case "fuzz" -> Fuzz.run(args);
      case "poison" -> Poison.run(args);
      case "compare" -> Compare.run(args);
      case "sql" -> {
        try (var c = DriverManager.getConnection(args[1], args[2], ""); var st = c.createStatement()) {
          st.execute(args[3]);
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static String jobBody(String page, int priority) {
    return "{\"browserTypeId\":1,\"targetUrl\":\"" + page + "\",\"actions\":[{\"action\":\"screenshot\"}],"
        + "\"waitUntil\":\"load\",\"priority\":" + priority + ",\"maxRetries\":5}";
  }

  static Map<Integer, Integer> histogram() {
    return new ConcurrentHashMap<>();
  }

  static String format(Map<Integer, Integer> statuses) {
    var sorted = new TreeMap<>(statuses);
    var out = new StringBuilder();
    sorted.forEach((status, count) -> out.append(out.isEmpty() ? "" : ",").append(status).append(':').append(count));
    return out.isEmpty() ? "-" : out.toString();
  }

  /**
   * submit API KEY COUNT PER_SECOND IDS_FILE PAGE: posts COUNT jobs at a steady rate, each retried
   * with its own Idempotency-Key until accepted (202), so an outage delays a job but never doubles
   * it. Counts every answer: 5xx other than a 503 with Retry-After are failures of the API.
   */
  static final class Submit {
    static void run(String[] a) throws Exception {
      String api = a[1];
      String key = a[2];
      int count = Integer.parseInt(a[3]);
      double perSecond = Double.parseDouble(a[4]);
      Path idsFile = Path.of(a[5]);
      String page = a[6];
      var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var statuses = histogram();
      int badUnavailable = 0;
      int connectionErrors = 0;
      var ids = new ArrayList<String>();
      long start = System.nanoTime();
      for (int n = 0; n < count; n++) {
        long due = start + (long) (n * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
        String idempotencyKey = "faults-" + UUID.randomUUID();
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
          var request = HttpRequest.newBuilder(URI.create(api + "/api/v1/jobs"))
              .timeout(Duration.ofSeconds(30))
              .header("X-API-Key", key).header("Content-Type", "application/json")
              .header("Idempotency-Key", idempotencyKey)
              .POST(HttpRequest.BodyPublishers.ofString(jobBody(page, n % 101))).build();
          try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 202) {
              Matcher m = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
              if (!m.find()) {
                throw new IllegalStateException("202 without a jobId: " + response.body());
              }
              ids.add(m.group(1));
              Files.writeString(idsFile, m.group(1) + "\n", StandardCharsets.UTF_8,
                  java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
              break;
            }
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
              badUnavailable++;
            }
          } catch (IOException e) {
            connectionErrors++;
          }
          if (System.nanoTime() > giveUp) {
            break;
          }
          Thread.sleep(500);
        }
      }
      System.out.printf("accepted=%d statuses=%s unavailable_without_retry_after=%d connection_errors=%d%n",
          ids.size(), format(statuses), badUnavailable, connectionErrors);
    }
  }

  /**
   * probe API KEY SECONDS PATH: GETs PATH every 200 ms for SECONDS and counts the answers, the 503s
   * without Retry-After, and the requests with no answer within 10 s or no connection.
   */
  static final class Probe {
    static void run(String[] a) throws Exception {
      String api = a[1];
      String key = a[2];
      long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(a[3])).toNanos();
      String path = a[4];
      var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var statuses = histogram();
      int badUnavailable = 0;
      int errors = 0;
      while (System.nanoTime() < until) {
        try {
          // A read that has no answer within 10 s counts as unanswered: the client has given up.
          var response = http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10))
              .header("X-API-Key", key).GET().build(), HttpResponse.BodyHandlers.discarding());
          statuses.merge(response.statusCode(), 1, Integer::sum);
          if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
            badUnavailable++;
          }
        } catch (IOException e) {
          errors++;
        }
        Thread.sleep(200);
      }
      System.out.printf("statuses=%s unavailable_without_retry_after=%d unanswered=%d%n",
          format(statuses), badUnavailable, errors);
    }
  }

  static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    var p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Only committed records: the dispatcher writes job events in exactly-once transactions.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    return new KafkaConsumer<>(p);
  }

  /** Reads a whole topic from the beginning to its current end. */
  static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
    try (var consumer = consumer(bootstrap)) {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var records = new ArrayList<ConsumerRecord<String, byte[]>>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }

  static String type(byte[] value) {
    if (value == null) {
      return "";
    }
    Matcher m = TYPE.matcher(new String(value, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "";
  }

  /**
   * await BOOTSTRAP DB_URL DB_USER IDS_FILE TIMEOUT_S: waits until every job in IDS_FILE has ended on
   * bf.job-events and its row in PostgreSQL shows that end, then counts: lost (no end, or still
   * pending or processing), doubled (more than one end, or more than one job.succeeded), rows
   * missing or not matching their job's end, retried jobs.
   */
  static final class Await {
    static void run(String[] a) throws Exception {
      String bootstrap = a[1];
      String dbUrl = a[2];
      String dbUser = a[3];
      List<String> ids = Files.readAllLines(Path.of(a[4])).stream().filter(s -> !s.isBlank()).distinct().toList();
      long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(a[5])).toNanos();
      Map<String, List<String>> ends;
      Map<String, String[]> rows;
      while (true) {
        ends = ends(bootstrap, ids);
        rows = rows(dbUrl, dbUser, ids);
        if (settled(ids, ends, rows) || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(2000);
      }
      int completed = 0, failed = 0, lost = 0, doubled = 0, rowsWrong = 0, retried = 0, pending = 0;
      var examples = new ArrayList<String>();
      for (String id : ids) {
        var jobEnds = ends.getOrDefault(id, List.of());
        long succeeded = jobEnds.stream().filter("job.succeeded"::equals).count();
        if (jobEnds.isEmpty()) {
          lost++;
          examples.add("lost " + id);
        } else if (jobEnds.size() > 1 || succeeded > 1) {
          doubled++;
          examples.add("doubled " + id + " " + jobEnds);
        }
        if (succeeded >= 1) {
          completed++;
        } else if (!jobEnds.isEmpty()) {
          failed++;
          examples.add("ended " + id + " " + jobEnds);
        }
        String[] row = rows.get(id);
        if (row == null || !row[0].equals(expectedStatus(jobEnds))) {
          rowsWrong++;
          examples.add("row " + id + " " + (row == null ? "missing" : row[0]) + " but events say " + jobEnds);
        }
        if (row != null && (row[0].equals("pending") || row[0].equals("processing"))) {
          pending++;
        }
        if (row != null && Integer.parseInt(row[1]) > 0) {
          retried++;
        }
      }
      examples.stream().limit(10).forEach(e -> System.err.println("  " + e));
      System.out.printf("jobs=%d completed=%d failed=%d lost=%d doubled=%d rows_wrong=%d left_pending=%d retried=%d%n",
          ids.size(), completed, failed, lost, doubled, rowsWrong, pending, retried);
    }

    static boolean settled(List<String> ids, Map<String, List<String>> ends, Map<String, String[]> rows) {
      return ids.stream().allMatch(id -> ends.containsKey(id) && rows.containsKey(id)
          && rows.get(id)[0].equals(expectedStatus(ends.get(id))));
    }

    static String expectedStatus(List<String> jobEnds) {
      if (jobEnds.isEmpty()) {
        return "(no end)";
      }
      return switch (jobEnds.getLast()) {
        case "job.succeeded" -> "completed";
        case "job.cancelled" -> "cancelled";
        default -> "failed";
      };
    }

    static Map<String, List<String>> ends(String bootstrap, Collection<String> ids) {
      var wanted = new HashSet<>(ids);
      var ends = new HashMap<String, List<String>>();
      for (var record : readAll(bootstrap, "bf.job-events")) {
        String type = type(record.value());
        if (wanted.contains(record.key()) && TERMINAL.contains(type)) {
          ends.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(type);
        }
      }
      return ends;
    }

    static Map<String, String[]> rows(String dbUrl, String dbUser, Collection<String> ids) {
      var rows = new HashMap<String, String[]>();
      try (Connection c = DriverManager.getConnection(dbUrl, dbUser, "");
          var s = c.prepareStatement("SELECT id::text, status, retry_count FROM automation_jobs WHERE id = ANY (?::uuid[])")) {
        s.setArray(1, c.createArrayOf("text", ids.toArray()));
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
          }
        }
      } catch (SQLException e) {
        System.err.println("  database not readable yet: " + e.getMessage());
      }
      return rows;
    }
  }

  /**
   * fuzz API KEY COUNT SEED: COUNT requests with mutated bodies, headers, paths and keys, from a
   * seed so that a failure can be replayed. Counts the answers; any 5xx is a defect.
   */
  static final class Fuzz {
    static void run(String[] a) throws Exception {
      String api = a[1];
      String key = a[2];
      int count = Integer.parseInt(a[3]);
      var random = new Random(Long.parseLong(a[4]));
      var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var statuses = histogram();
      var serverErrors = new ArrayList<String>();
      int errors = 0;
      for (int n = 0; n < count; n++) {
        var request = FuzzCases.request(random, api, key);
        try {
          var response = http.send(request, HttpResponse.BodyHandlers.ofString());
          statuses.merge(response.statusCode(), 1, Integer::sum);
          if (response.statusCode() >= 500) {
            serverErrors.add(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body());
          }
        } catch (IOException | IllegalArgumentException e) {
          errors++;
        }
      }
      serverErrors.stream().limit(5).forEach(e -> System.err.println("  " + e));
      System.out.printf("requests=%d statuses=%s server_errors=%d client_errors=%d%n",
          count, format(statuses), serverErrors.size(), errors);
    }
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    var p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p);
  }

  /**
   * poison BOOTSTRAP COUNT SEED TIMEOUT_S: produces COUNT unparseable or invalid records to
   * bf.job-commands, each under its own key, then waits until each is accounted for: on
   * bf.dead-letters under its key, or a job.rejected event for it on bf.job-events.
   */
  static final class Poison {
    static void run(String[] a) throws Exception {
      String bootstrap = a[1];
      int count = Integer.parseInt(a[2]);
      var random = new Random(Long.parseLong(a[3]));
      long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(a[4])).toNanos();
      var keys = new LinkedHashSet<String>();
      var bodies = new java.util.HashMap<String, byte[]>();
      try (var producer = producer(bootstrap)) {
        for (int n = 0; n < count; n++) {
          String key = UUID.randomUUID().toString();
          keys.add(key);
          byte[] body = FuzzCases.poisonRecord(random, key, n);
          bodies.put(key, body);
          producer.send(new ProducerRecord<>("bf.job-commands", key, body));
        }
        producer.flush();
      }
      Set<String> deadLettered = new ConcurrentSkipListSet<>();
      Set<String> rejected = new ConcurrentSkipListSet<>();
      // A mutation can leave a command valid: such a record is a job like any other, not poison.
      Set<String> accepted = new ConcurrentSkipListSet<>();
      while (true) {
        for (var record : readAll(bootstrap, "bf.dead-letters")) {
          if (keys.contains(record.key())) {
            deadLettered.add(record.key());
          }
        }
        for (var record : readAll(bootstrap, "bf.job-events")) {
          if (keys.contains(record.key())) {
            switch (type(record.value())) {
              case "job.rejected" -> rejected.add(record.key());
              case "job.accepted" -> accepted.add(record.key());
              default -> { }
            }
          }
        }
        if (keys.stream().allMatch(k -> deadLettered.contains(k) || rejected.contains(k) || accepted.contains(k))
            || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(2000);
      }
      var unaccountedKeys = keys.stream()
          .filter(k -> !deadLettered.contains(k) && !rejected.contains(k) && !accepted.contains(k)).toList();
      var bothKeys = keys.stream().filter(k -> deadLettered.contains(k) && rejected.contains(k)).toList();
      for (String key : java.util.stream.Stream.concat(unaccountedKeys.stream(), bothKeys.stream()).limit(5).toList()) {
        System.err.printf("poison %s %s: %s%n", bothKeys.contains(key) ? "both" : "unaccounted", key,
            new String(bodies.get(key), StandardCharsets.UTF_8));
      }
      System.out.printf("produced=%d dead_lettered=%d rejected=%d accepted_as_valid=%d both=%d unaccounted=%d%n",
          keys.size(), deadLettered.size(), rejected.size(), accepted.size(), bothKeys.size(), unaccountedKeys.size());
    }
  }

  /**
   * compare DB_URL_A DB_URL_B DB_USER TIMEOUT_S: the projection tables of two databases, row for row
   * (job logs without their serial id, which depends on insertion order across jobs), again every
   * few seconds until they are equal or the time is up (a rebuild may still be catching up).
   */
  static final class Compare {
    static final Map<String, String> QUERIES = Map.of(
        "automation_jobs", "SELECT * FROM automation_jobs ORDER BY id",
        "job_artifacts", "SELECT * FROM job_artifacts ORDER BY id",
        "job_logs", "SELECT job_id, level, message, metadata, created_at FROM job_logs ORDER BY job_id, created_at, message",
        "api_keys", "SELECT * FROM api_keys ORDER BY id",
        "browser_types", "SELECT * FROM browser_types ORDER BY id",
        "url_policies", "SELECT * FROM url_policies ORDER BY id");

    static void run(String[] a) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(a[4])).toNanos();
      while (!compareOnce(a, System.nanoTime() > deadline)) {
        Thread.sleep(3000);
      }
    }

    static boolean compareOnce(String[] a, boolean last) throws Exception {
      int differing = 0;
      long rowsA = 0;
      var out = new StringBuilder();
      var details = new ArrayList<String>();
      try (var ca = DriverManager.getConnection(a[1], a[3], ""); var cb = DriverManager.getConnection(a[2], a[3], "")) {
        for (var entry : new TreeMap<>(QUERIES).entrySet()) {
          List<String> left = rows(ca, entry.getValue());
          List<String> right = rows(cb, entry.getValue());
          rowsA += left.size();
          var onlyLeft = new ArrayList<>(left);
          onlyLeft.removeAll(right);
          var onlyRight = new ArrayList<>(right);
          onlyRight.removeAll(left);
          int diff = Math.max(onlyLeft.size(), onlyRight.size());
          differing += diff;
          out.append(' ').append(entry.getKey()).append('=').append(left.size()).append('/').append(right.size());
          onlyLeft.stream().limit(2).forEach(r -> details.add("only in the live tables: " + entry.getKey() + " " + r));
          onlyRight.stream().limit(2).forEach(r -> details.add("only in the rebuild: " + entry.getKey() + " " + r));
        }
      }
      if (differing > 0 && !last) {
        return false;
      }
      details.forEach(d -> System.err.println("  " + d));
      System.out.printf("rows=%d differing_rows=%d%s%n", rowsA, differing, out);
      return true;
    }

    static List<String> rows(Connection c, String query) throws SQLException {
      var rows = new ArrayList<String>();
      try (var s = c.createStatement(); var rs = s.executeQuery(query)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          var row = new StringBuilder();
          for (int i = 1; i <= columns; i++) {
            row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
          }
          rows.add(row.toString());
        }
      }
      return rows;
    }
  }
}

/** The fuzzer's inputs: requests for the REST API and records for bf.job-commands. */
final class FuzzCases {

  private static final String[] PATHS = {
    "/api/v1/jobs", "/api/v1/jobs/%s", "/api/v1/jobs/%s/cancel", "/api/v1/jobs/%s/artifacts", "/api/v1/jobs/%s/logs",
    "/api/v1/jobs/%s/artifacts/%s", "/api/v1/browser-types", "/api/v1/browser-types/%s", "/api/v1/workers",
    "/api/v1/workers/stats", "/api/v1/stats", "/api/v1/admin/api-keys", "/api/v1/admin/api-keys/%s",
    "/api/v1/admin/url-policies", "/api/v1/admin/url-policies/%s", "/api/v1/admin/browser-types/%s", "/api/v1/%s",
  };
  private static final String[] METHODS = {"GET", "POST", "DELETE", "PATCH", "PUT", "OPTIONS", "HEAD"};
  private static final String[] ODD = {
    "", "0", "-1", "99999999999999999999", "null", "%00", "%ff%fe", "..%2f..%2fetc%2fpasswd", "a b", "ü", "%E2%80%AE",
    "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString(), "x".repeat(3000), "1e309", "true", "[]",
    "{}", "%25", "%2F",
  };
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "text/plain", "application/merge-patch+json",
    "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1", "", "*/*", "application/problem+json",
  };
  private static final String VALID =
      "{\"browserTypeId\":1,\"targetUrl\":\"http://127.0.0.1:1/\",\"priority\":50,\"timeoutMs\":30000,\"maxRetries\":1,"
          + "\"waitUntil\":\"load\",\"actions\":[{\"action\":\"click\",\"target\":\"#a\"},{\"action\":\"screenshot\"}]}";
  private static final String[] TOKENS = {
    "null", "true", "-1", "1e400", "\"\"", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "9223372036854775808", "0.5",
    "\"x\"", "{\"a\":{\"b\":[1,{\"c\":null}]}}", "\"javascript:alert(1)\"", "\"http://169.254.169.254/\"",
  };

  private FuzzCases() {}

  static HttpRequest request(Random random, String api, String key) {
    String template = PATHS[random.nextInt(PATHS.length)];
    String path = template.replace("%s", odd(random));
    if (random.nextInt(10) == 0) {
      path = path + "?" + odd(random) + "=" + odd(random) + "&limit=" + odd(random) + "&cursor=" + odd(random);
    }
    String method = METHODS[random.nextInt(METHODS.length)];
    String body = random.nextInt(4) == 0 ? odd(random) : mutate(random, VALID);
    var builder = HttpRequest.newBuilder(URI.create(api + uriSafe(path))).timeout(Duration.ofSeconds(30));
    builder.method(method, method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
    if (!contentType.isEmpty()) {
      builder.header("Content-Type", contentType);
    }
    switch (random.nextInt(6)) {
      case 0 -> {}
      case 1 -> builder.header("X-API-Key", key);
      case 2 -> builder.header("Authorization", "Bearer " + key);
      case 3 -> builder.header("X-API-Key", ascii(odd(random)));
      case 4 -> builder.header("Authorization", ascii(odd(random)) + " " + key);
      default -> builder.header("X-API-Key", key.substring(0, random.nextInt(key.length())));
    }
    switch (random.nextInt(6)) {
      case 0 -> builder.header("Idempotency-Key", ascii(odd(random)));
      case 1 -> builder.header("Last-Event-ID", ascii(odd(random)));
      case 2 -> builder.header("If-None-Match", ascii(odd(random)));
      case 3 -> builder.header("X-Request-Id", ascii(odd(random)));
      case 4 -> builder.header("Accept", random.nextBoolean() ? "application/xml" : "text/event-stream");
      default -> {}
    }
    return builder.build();
  }

  static byte[] poisonRecord(Random random, String key, int n) {
    String submit = "{\"type\":\"job.submit\",\"jobId\":\"" + key + "\",\"clientId\":\"faults\",\"browserTypeId\":1,"
        + "\"targetUrl\":\"http://127.0.0.1:8489/\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\","
        + "\"priority\":50,\"timeoutMs\":30000,\"maxRetries\":0,\"submittedAt\":\"2026-12-07T00:00:00Z\"}";
    return switch (n % 8) {
      case 0 -> new byte[] {(byte) random.nextInt(256), 0, (byte) 0xff, (byte) 0xfe};
      case 1 -> "not json at all".getBytes(StandardCharsets.UTF_8);
      case 2 -> "{\"type\":\"job.nonsense\"}".getBytes(StandardCharsets.UTF_8);
      case 3 -> submit.replace("\"browserTypeId\":1", "\"browserTypeId\":999").getBytes(StandardCharsets.UTF_8);
      case 4 -> submit.replace("http://127.0.0.1:8489/", "file:///etc/passwd").getBytes(StandardCharsets.UTF_8);
      case 5 -> submit.replace("\"screenshot\"", "\"teleport\"").getBytes(StandardCharsets.UTF_8);
      case 6 -> submit.replace("\"priority\":50", "\"priority\":1000").getBytes(StandardCharsets.UTF_8);
      default -> mutate(random, submit).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A valid body with one to three tokens replaced, cut, or duplicated. */
  static String mutate(Random random, String json) {
    String out = json;
    for (int i = 0, edits = 1 + random.nextInt(3); i < edits; i++) {
      int at = random.nextInt(out.length() + 1);
      out = switch (random.nextInt(4)) {
        case 0 -> out.substring(0, at);
        case 1 -> out.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + out.substring(at);
        case 2 -> replaceValue(random, out);
        default -> out.substring(0, at) + (char) random.nextInt(0x3000) + out.substring(at);
      };
    }
    return out;
  }

  private static String replaceValue(Random random, String json) {
    Matcher m = Pattern.compile(":(\"[^\"]*\"|-?[0-9.]+|true|false|null)").matcher(json);
    var spans = new ArrayList<int[]>();
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      return json;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    return json.substring(0, span[0]) + TOKENS[random.nextInt(TOKENS.length)] + json.substring(span[1]);
  }

  /** Percent-encodes what a URI cannot carry as it is; existing escapes, even broken ones, stay. */
  private static String uriSafe(String path) {
    var out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~%/?=&:".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String odd(Random random) {
    return ODD[random.nextInt(ODD.length)];
  }

  /** Header values must be visible ASCII for the JDK client; the rest travels in paths and bodies. */
  private static String ascii(String value) {
    String cleaned = value.replaceAll("[^\\x21-\\x7e]", "_");
    return cleaned.isEmpty() ? "_" : cleaned;
  }
}
