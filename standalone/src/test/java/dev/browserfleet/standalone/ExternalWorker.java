package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One more browser worker (one Chromium slot) in a process of its own, started by {@code
 * bin/browserfleet worker} against the test system, and stopped cleanly (SIGTERM) when closed;
 * whatever it leaves running is killed and its temp directory removed.
 */
final class ExternalWorker implements AutoCloseable {

  private static final Path SCRIPT = Path.of("..", "bin", "browserfleet").toAbsolutePath().normalize();

  final String instance = "external-" + UUID.randomUUID().toString().substring(0, 8);
  private final TestSystem system;
  private final Path tmp;
  private final Process process;

  ExternalWorker(TestSystem system) throws IOException {
    this.system = system;
    // Short: Chromium's sockets live under it, and a Unix socket path has at most 107 bytes.
    this.tmp = Files.createTempDirectory("bfw");
    this.process = start(system, instance, tmp);
  }

  /**
   * Starts {@code bin/browserfleet worker} as instance {@code instance}, one slot, against the test
   * system's broker, with its temp files and {@code worker.log} in {@code tmp}.
   */
  static Process start(TestSystem system, String instance, Path tmp) throws IOException {
    var builder = new ProcessBuilder(SCRIPT.toString(), "worker");
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("BF_NO_BUILD", "1");
    env.put("BF_KAFKA_BOOTSTRAP", system.kafkaBootstrap);
    env.put("BF_DATA_DIR", system.dataDir.toString());
    env.put("BF_ALLOW_PRIVATE_TARGETS", "true");
    env.put("BF_WORKER_INSTANCE", instance);
    env.put("BF_WORKER_SLOTS", "1");
    env.put("BF_WORKER_HEARTBEAT_INTERVAL", "500ms");
    env.put("BF_WORKER_LOCK_DURATION", TestSystem.WORKER_LOST_AFTER.toMillis() + "ms");
    env.put("BF_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
    builder.redirectErrorStream(true).redirectOutput(tmp.resolve("worker.log").toFile());
    return builder.start();
  }

  /** Waits until its slot heartbeats as idle. */
  void awaitIdle(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (system.count("SELECT count(*) FROM browser_workers WHERE metadata->>'instance' = ? AND status = 'idle'",
        instance) == 0) {
      assertThat(process.isAlive()).as("the external worker runs (see %s)", tmp.resolve("worker.log")).isTrue();
      assertThat(System.nanoTime()).as("the external worker heartbeats within %s", timeout).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws Exception {
    Path log = tmp.resolve("worker.log");
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log);
      System.out.println("--- the external worker's log, last lines ---");
      lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.out::println);
    }
    List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
    tree.add(process.toHandle());
    process.destroy(); // SIGTERM: it hands back, says it stopped, quits its browsers
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    tree.addAll(process.toHandle().descendants().toList());
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (tree.stream().anyMatch(ExternalWorker::running) && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    if (Files.exists(tmp)) {
      try (var paths = Files.walk(tmp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static boolean running(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException e) {
      return false; // gone
    }
  }
}
