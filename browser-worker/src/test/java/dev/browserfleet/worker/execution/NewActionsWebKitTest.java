package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.browser.BrowserSession;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestPages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The new actions on WebKitGTK through WebKitWebDriver: one warm session for the class, as in {@link JobRunnerWebKitTest}. */
class NewActionsWebKitTest extends NewActionsConformance {

  private static SessionPool pool;
  private static BrowserSession session;

  @BeforeAll
  static void startWebKit() {
    pool = new SessionPool(new WebKitDriverFactory(
        WebKitDriverFactory.Settings.debianDefaults(Path.of(System.getProperty("java.io.tmpdir"))), TestPages.httpsTrust()), 50);
    session = pool.open();
  }

  @AfterAll
  static void stopWebKit() {
    pool.close();
  }

  @Override
  Engine engine() {
    return Engine.WEBKIT;
  }

  @Override
  synchronized Run run(JobAssignment job, AttemptExecutor executor) {
    var reports = new RecordingReports();
    AttemptOutcome outcome = executor.execute(job, session, reports, AttemptControl.NONE, "webkit-job");
    session = pool.afterJob(session, outcome.sessionReusable());
    return new Run(outcome, reports);
  }
}
