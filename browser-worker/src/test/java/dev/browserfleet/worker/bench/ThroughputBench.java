package dev.browserfleet.worker.bench;

import static dev.browserfleet.worker.support.Assignments.anAssignment;

import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.browser.WebDriverPage;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * A benchmark, not a test: it asserts nothing and only runs with {@code -Pbench}
 * ({@code bench/throughput.sh [sessions] [jobs]}).
 * The same page (open, then a PNG screenshot) goes through the worker's pipeline (attempt
 * executor, job runner, artifact store, session reset between jobs) and through a bare Selenium
 * loop, each on the same number of warm sessions; it prints both throughputs and their ratio. The
 * Kafka hops are not included: they add a few milliseconds per job (see the README).
 */
@Tag("bench")
class ThroughputBench {

  private static final int SESSIONS = Integer.getInteger("bench.sessions", 2);
  private static final int JOBS = Integer.getInteger("bench.jobs", 200);
  private static final int WARM_UP = 5;

  @Test
  void pipelineAgainstABareSeleniumLoop() throws Exception {
    String url = TestPages.url("form.html");
    var executor = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
    double pipeline;
    double bare;
    try (var pool = new SessionPool(TestBrowsers.chromium(), Integer.MAX_VALUE)) {
      pipeline = throughput(pool, session -> {
        var job = anAssignment().to(url).waitingUntil(WaitUntil.LOAD)
            .doing(new Screenshot(null, null, null, null)).build();
        AttemptOutcome outcome = executor.execute(job, session, new RecordingReports(), AttemptControl.NONE, "bench");
        if (!(outcome instanceof AttemptOutcome.Succeeded)) {
          throw new IllegalStateException("a benchmark job failed: " + outcome);
        }
        return pool.afterJob(session, true);
      });
    }
    try (var pool = new SessionPool(TestBrowsers.chromium(), Integer.MAX_VALUE)) {
      bare = throughput(pool, session -> {
        WebDriver driver = WebDriverPage.driverOf(session);
        driver.get(url);
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        return session;
      });
    }
    System.out.printf("%nbench: %d warm Chromium sessions, %d jobs of open+screenshot of %s%n", SESSIONS, JOBS, url);
    System.out.printf("bench: pipeline     %6.1f jobs/s (%5.0f ms per job per session)%n", pipeline, SESSIONS * 1000 / pipeline);
    System.out.printf("bench: bare Selenium %6.1f jobs/s (%5.0f ms per job per session)%n", bare, SESSIONS * 1000 / bare);
    System.out.printf("bench: ratio pipeline/bare %.2f (target >= 0.9)%n%n", pipeline / bare);
  }

  interface Job {
    BrowserSession run(BrowserSession session) throws Exception;
  }

  /** Jobs per second of {@code job} on {@link #SESSIONS} warm sessions, one thread each. */
  private static double throughput(SessionPool pool, Job job) throws Exception {
    var sessions = new ArrayList<BrowserSession>();
    for (int i = 0; i < SESSIONS; i++) {
      BrowserSession session = pool.open();
      for (int w = 0; w < WARM_UP; w++) {
        session = job.run(session);
      }
      sessions.add(session);
    }
    var left = new AtomicInteger(JOBS);
    var tasks = new ArrayList<Callable<Void>>();
    for (BrowserSession start : sessions) {
      tasks.add(() -> {
        BrowserSession session = start;
        while (left.getAndDecrement() > 0) {
          session = job.run(session);
        }
        return null;
      });
    }
    long begin = System.nanoTime();
    try (var threads = Executors.newFixedThreadPool(SESSIONS)) {
      for (var done : threads.invokeAll(tasks)) {
        done.get();
      }
    }
    return JOBS / ((System.nanoTime() - begin) / 1e9);
  }
}
