package dev.browserfleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a dev launcher killed with SIGKILL: it does not outlive the JVM, and
 * the next start on the same data directory works, even when the JVM's reaper was killed too.
 */
class KilledLauncherPostgresTest {

  @TempDir Path dir;

  @Test
  void theServerOfAJvmKilledAloneStopsWithinSecondsAndTheNextStartFindsItsData() throws Exception {
    Path data = dir.resolve("pg");
    try (var pg = EmbeddedPostgresServer.start(data, 0)) {
      pg.createDatabase("kept");
    }
    Process jvm = startJvm(data);
    ProcessHandle postmaster = null;
    try {
      postmaster = awaitReady(jvm, "postmaster");

      jvm.toHandle().destroyForcibly();

      ProcessHandle server = postmaster;
      await().atMost(Duration.ofSeconds(10)).until(() -> isGone(server));
      assertRestartsWithItsData(data);
    } finally {
      jvm.toHandle().destroyForcibly();
      if (postmaster != null) {
        postmaster.destroyForcibly();
      }
    }
  }

  @Test
  void aServerLeftRunningByAJvmKilledWithItsReaperIsStoppedByTheNextStart() throws Exception {
    Path data = dir.resolve("pg");
    try (var pg = EmbeddedPostgresServer.start(data, 0)) {
      pg.createDatabase("kept");
    }
    Process jvm = startJvm(data);
    ProcessHandle postmaster = null;
    try {
      postmaster = awaitReady(jvm, "postmaster");
      ProcessHandle reaper = said(jvm, "reaper").orElseThrow();
      // As a SIGKILL of the whole process group does it: the server, in a session of its own, runs on.
      reaper.destroyForcibly();
      jvm.toHandle().destroyForcibly();
      await().atMost(Duration.ofSeconds(10)).until(() -> isGone(reaper) && !jvm.isAlive());
      assertThat(isGone(postmaster)).as("the server, left running").isFalse();

      assertRestartsWithItsData(data);
      assertThat(isGone(postmaster)).as("the server left running, after the next start").isTrue();
    } finally {
      jvm.toHandle().destroyForcibly();
      if (postmaster != null) {
        postmaster.destroyForcibly();
      }
    }
  }

  private static void assertRestartsWithItsData(Path data) throws Exception {
    long started = System.nanoTime();
    try (var pg = EmbeddedPostgresServer.start(data, 0);
        var c = DriverManager.getConnection(pg.jdbcUrl("kept"), EmbeddedPostgresServer.USER, "");
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
    System.out.printf("restarted on the same data directory in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  private Process startJvm(Path data) throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), PostgresUntilKilled.class.getName(), data.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.txt").toFile()).start();
  }

  private ProcessHandle awaitReady(Process jvm, String key) {
    await().atMost(Duration.ofSeconds(120)).until(() -> output().lines().anyMatch("ready"::equals) || !jvm.isAlive());
    assertThat(output()).as("the JVM's output").contains("ready");
    return said(jvm, key).orElseThrow();
  }

  private Optional<ProcessHandle> said(Process jvm, String key) {
    return output().lines().filter(l -> l.startsWith(key + " ")).findFirst()
        .flatMap(l -> ProcessHandle.of(Long.parseLong(l.substring(key.length() + 1).strip())));
  }

  private String output() {
    try {
      return Files.readString(dir.resolve("jvm.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exited, or a zombie nobody reaps (PID 1 of a bare container does not). */
  private static boolean isGone(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }
}
