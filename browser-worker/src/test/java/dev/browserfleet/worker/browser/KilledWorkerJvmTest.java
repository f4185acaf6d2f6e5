package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.reaper.OwnerMark;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.worker.support.BrowsersUntilKilled;
import dev.browserfleet.worker.support.TestPages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with SIGKILL, the JVM alone (as the kernel's OOM killer does it, not its
 * process group), leaves no browser, driver or Xvfb running and no temp directory behind: its
 * reaper stops and removes them within seconds.
 */
class KilledWorkerJvmTest {

  private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

  @Test
  void aWorkerJvmKilledAloneLeavesNoBrowserDriverOrXvfbAndNoTempDirectory() throws Exception {
    // Short: Chromium's sockets live under it, and a Unix socket path has at most 107 bytes.
    Path base = Files.createTempDirectory("bfk");
    Path output = Files.createTempFile("bfk-jvm-", ".txt");
    Process jvm = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), BrowsersUntilKilled.class.getName(),
        base.toString(), TestPages.url("image.html"))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    var processes = new ArrayList<ProcessHandle>();
    OwnerMark mark = null;
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> said(output, "ready") != null || !jvm.isAlive());
      assertThat(said(output, "ready")).as(() -> "the JVM's sessions started; its output:\n" + read(output)).isNotNull();
      mark = new OwnerMark(said(output, "mark").getFirst());
      Arrays.stream(String.join(" ", said(output, "pids")).split(" "))
          .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(processes::add));
      List<String> commands = processes.stream().map(p -> p.info().command().orElse("?")).toList();
      assertThat(commands).as("what the JVM started")
          .anyMatch(c -> c.endsWith("chromedriver")).anyMatch(c -> c.endsWith("/chromium"))
          .anyMatch(c -> c.endsWith("Xvfb")).anyMatch(c -> c.endsWith("WebKitWebDriver"))
          .anyMatch(c -> c.endsWith("MiniBrowser"));

      long killed = System.nanoTime();
      jvm.toHandle().destroyForcibly(); // SIGKILL, to this pid only

      OwnerMark owner = mark;
      await().atMost(FEW_SECONDS).untilAsserted(() -> {
        assertThat(jvm.isAlive()).as("the JVM").isFalse();
        assertThat(describe(processes.stream().filter(p -> !LocalBrowserProcesses.isGone(p)).toList()))
            .as("processes that were under the killed JVM, still running").isEmpty();
        assertThat(describe(Reaper.processesMarked(owner))).as("processes carrying its mark BF_OWNER=" + owner.value())
            .isEmpty();
        try (Stream<Path> left = Files.walk(base)) {
          assertThat(left.filter(p -> !p.equals(base)).map(Path::toString).toList())
              .as("what it left under its temp base").isEmpty();
        }
      });
      System.out.printf("%d processes of the killed JVM, all gone %d ms after the kill%n", processes.size(),
          (System.nanoTime() - killed) / 1_000_000);
    } finally {
      jvm.toHandle().destroyForcibly();
      processes.forEach(ProcessHandle::destroyForcibly);
      if (mark != null) {
        Reaper.processesMarked(mark).forEach(ProcessHandle::destroyForcibly);
      }
      TempDirs.deleteRecursively(base);
      Files.deleteIfExists(output);
    }
  }

  private static List<String> describe(List<ProcessHandle> processes) {
    return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
  }

  /** The words after {@code key} on the first line that starts with it, or null. */
  private static List<String> said(Path output, String key) {
    return read(output).lines().filter(l -> l.equals(key) || l.startsWith(key + " ")).findFirst()
        .map(l -> List.of(l.substring(key.length()).strip().split(" "))).orElse(null);
  }

  private static String read(Path output) {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
