package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.support.TestBrowsers;

/** The new actions on headless Chromium: the test JVM's one warm session of {@link TestBrowsers}. */
class NewActionsChromiumTest extends NewActionsConformance {

  @Override
  Engine engine() {
    return Engine.CHROMIUM;
  }

  @Override
  Run run(JobAssignment job, AttemptExecutor executor) {
    var run = TestBrowsers.run(job, executor);
    return new Run(run.outcome(), run.reports());
  }
}
