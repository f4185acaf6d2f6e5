package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.browser.BrowserSession;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.support.RecordingReports;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The new actions on headless Firefox over WebDriver BiDi: one warm browser for the class, as in {@link JobRunnerFirefoxTest}. */
class NewActionsFirefoxTest extends NewActionsConformance {

  private static SessionPool pool;
  private static BrowserSession session;

  @BeforeAll
  static void startFirefox() {
    pool = new SessionPool(new FirefoxBiDiFactory(
        FirefoxBiDiFactory.Settings.debianDefaults(Path.of(System.getProperty("java.io.tmpdir")))), 50);
    session = pool.open();
  }

  @AfterAll
  static void stopFirefox() {
    pool.close();
  }

  @Override
  Engine engine() {
    return Engine.FIREFOX;
  }

  @Override
  synchronized Run run(JobAssignment job, AttemptExecutor executor) {
    var reports = new RecordingReports();
    AttemptOutcome outcome = executor.execute(job, session, reports, AttemptControl.NONE, "firefox-job");
    session = pool.afterJob(session, outcome.sessionReusable());
    return new Run(outcome, reports);
  }
}
