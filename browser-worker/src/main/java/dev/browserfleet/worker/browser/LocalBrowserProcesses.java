package dev.browserfleet.worker.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes and files of a browser this worker started on its own machine: the driver process,
 * the browsers under it, and the session's temp root (profile and {@code TMPDIR}). Closing it makes
 * sure none survive, even when the driver was killed before it could stop its browser.
 */
final class LocalBrowserProcesses {

  private static final Logger log = LoggerFactory.getLogger(LocalBrowserProcesses.class);

  private final ProcessHandle driver;
  private final Path tempRoot;

  LocalBrowserProcesses(ProcessHandle driver, Path tempRoot) {
    this.driver = driver;
    this.tempRoot = tempRoot;
  }

  /** The driver process that this JVM started and that listens on {@code port}. */
  static Optional<ProcessHandle> driverListeningOn(int port) {
    String portArgument = "--port=" + port;
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().commandLine().map(c -> c.contains(portArgument)).orElse(false))
        .findFirst();
  }

  Path tempRoot() {
    return tempRoot;
  }

  /** The driver and every process under it, driver first. */
  List<ProcessHandle> processes() {
    return Stream.concat(Stream.of(driver), driver.descendants()).toList();
  }

  /** Kills the driver and its browsers now, without asking them. */
  void kill() {
    // Browsers first: killed alone, the driver would leave them orphaned.
    List<ProcessHandle> all = processes();
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).destroyForcibly();
    }
  }

  /**
   * After a graceful quit: kills whatever is still running after {@code grace}, then deletes the
   * temp root.
   */
  void cleanUp(List<ProcessHandle> started, Duration grace) {
    awaitGone(started, grace);
    for (ProcessHandle process : started) {
      if (!isGone(process)) {
        log.warn("browser process {} outlived its session; killing it", process.pid());
        process.destroyForcibly();
      }
    }
    if (!awaitGone(started, Duration.ofSeconds(2))) {
      started.stream().filter(p -> !isGone(p))
          .forEach(p -> log.warn("browser process {} did not exit after a kill", p.pid()));
    }
    deleteTempRoot();
  }

  private static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!processes.stream().allMatch(LocalBrowserProcesses::isGone)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Exited, or a zombie: a browser whose driver was killed is re-parented to PID 1, and where PID 1
   * does not reap (a bare container, this sandbox) it stays a zombie that still looks alive.
   */
  static boolean isGone(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // pid (comm) state ...: comm may hold spaces and parentheses, so read after the last ')'.
      String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
      return afterName.startsWith("Z") || afterName.startsWith("X");
    } catch (IOException | RuntimeException e) {
      return !process.isAlive();
    }
  }

  void deleteTempRoot() {
    deleteTree(tempRoot);
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      log.warn("could not delete the browser temp directory {}: {}", root, e.toString());
    }
  }
}
