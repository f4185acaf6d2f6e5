package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After 200 jobs (with recycling) and a forced browser crash, a closed pool leaves no browser or
 * driver process and no Chromium temp directory behind.
 */
class SessionLeakTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  private static final int JOBS = 200;
  private static final int RECYCLE_AFTER = 50;

  @Test
  void afterTwoHundredJobsAndACrashProcessesAndTempDirectoriesAreBackToWhereTheyStarted() throws Exception {
    Set<Long> processesBefore = descendants();
    Set<Path> chromiumDirsBefore = chromiumTempDirs();
    // Session roots under a directory of this test's own: other builds on the machine make theirs in /tmp.
    Path sessionRoots = Files.createDirectories(TMP.resolve("bf-leak-test-" + ProcessHandle.current().pid()));
    var pool = new SessionPool(TestBrowsers.chromium(sessionRoots), RECYCLE_AFTER);
    try {
      runJobsAndACrash(pool);

      pool.close();

      assertThat(pool.liveSessions()).isZero();
      assertThat(descendants()).as("browser and driver processes after close").isEqualTo(processesBefore);
      assertThat(chromiumTempDirs()).as("new /tmp/org.chromium.Chromium.* directories")
          .isEqualTo(chromiumDirsBefore);
      // The JVM's own directory under the base stays until the JVM ends (its reaper removes it).
      Path jvmRoot = sessionRoots.resolve("bf-" + Reaper.ofThisJvm().owner().value());
      try (Stream<Path> left = Files.walk(sessionRoots)) {
        assertThat(left.filter(p -> !p.equals(sessionRoots) && !p.equals(jvmRoot))).as("session temp roots").isEmpty();
      }
    } finally {
      pool.close();
      TempDirs.deleteRecursively(sessionRoots);
    }
  }

  private static void runJobsAndACrash(SessionPool pool) {
    Set<Long> processesBefore = descendants();
    var executor = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
    BrowserSession session = pool.open();
    // 200 jobs, so that the pool recycles the session three times, then a crash
    Set<BrowserSession> seen = new java.util.HashSet<>();
    for (int i = 0; i < JOBS; i++) {
      seen.add(session);
      var job = anAssignment().to(TestPages.url("image.html")).doing(new Screenshot(null, null, null, null)).build();
      var outcome = executor.execute(job, session, new RecordingReports(), AttemptControl.NONE, "leak-test");
      assertThat(outcome.sessionReusable()).isTrue();
      session = pool.afterJob(session, true);
    }
    assertThat(seen).as("sessions used, one per " + RECYCLE_AFTER + " jobs").hasSize(JOBS / RECYCLE_AFTER);
    killBrowserOf(session, processesBefore);
    var crashed = executor.execute(anAssignment().to(TestPages.url("form.html")).build(), session,
        new RecordingReports(), AttemptControl.NONE, "leak-test");
    assertThat(crashed.sessionReusable()).as("a job on a crashed browser retires the session").isFalse();
    assertThat(((AttemptOutcome.Failed) crashed).failure().retryable()).as("and is retried").isTrue();
    session = pool.afterJob(session, false);
    assertThat(pool.liveSessions()).isEqualTo(1);
    var after = executor.execute(anAssignment().to(TestPages.url("form.html")).build(), session,
        new RecordingReports(), AttemptControl.NONE, "leak-test");
    assertThat(after).as("the replacement works").isInstanceOf(AttemptOutcome.Succeeded.class);
    pool.afterJob(session, true);
    assertThat(descendants()).as("a session is running").hasSizeGreaterThan(processesBefore.size());
  }

  /** Kills the browser under the session's driver, as a crash would; other tests' browsers stay. */
  private static void killBrowserOf(BrowserSession session, Set<Long> others) {
    ProcessHandle.current().children()
        .filter(p -> !others.contains(p.pid()))
        .filter(p -> p.info().command().orElse("").endsWith("chromedriver"))
        .flatMap(ProcessHandle::children)
        .forEach(ProcessHandle::destroyForcibly);
    await().atMost(Duration.ofSeconds(10)).until(() -> !session.isAlive());
  }

  private static Set<Long> descendants() {
    // Not the JVM's reaper: it lives as long as the JVM, and is no session's.
    long reaper = Reaper.ofThisJvm().pid();
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).filter(pid -> pid != reaper).collect(Collectors.toSet());
  }

  private static Set<Path> chromiumTempDirs() throws IOException {
    try (Stream<Path> entries = Files.list(TMP)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("org.chromium.Chromium."))
          .collect(Collectors.toSet());
    }
  }
}
