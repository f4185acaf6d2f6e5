package dev.browserfleet.worker.browser;

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
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle process : started) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          process.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception stillRunning) {
        // handled below
      }
      if (process.isAlive()) {
        log.warn("browser process {} outlived its session; killing it", process.pid());
        process.destroyForcibly();
      }
    }
    for (ProcessHandle process : started) {
      try {
        process.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("browser process {} did not exit after a kill", process.pid());
      }
    }
    deleteTempRoot();
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
