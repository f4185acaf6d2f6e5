package dev.browserfleet.worker.support;

import static dev.browserfleet.worker.support.Assignments.anAssignment;

import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.reaper.Reaper;

import dev.browserfleet.worker.browser.ChromiumDriverFactory;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.JobRunner;
import dev.browserfleet.worker.execution.UrlGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that does what a worker's slots do: opens a Chromium and a WebKit session through the
 * worker's own factories, with their temp roots under the base given, runs a page on each, prints
 * its owner mark and the pids of every process under it, then {@code ready}, and waits to be killed.
 * Arguments: the temp base, the URL of the page.
 */
public final class BrowsersUntilKilled {

  private BrowsersUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    String page = args[1];
    Reaper reaper = Reaper.ofThisJvm();
    var runner = new JobRunner(
        new UrlGuard(new TargetAddressPolicy(true, TargetAddressPolicy.SYSTEM_DNS)),
        new ArtifactDirectory(reaper.newDirectory(base, "artifacts")),
        JobRunner.Settings.DEFAULTS);
    var executor = new AttemptExecutor(runner, Duration.ofMillis(50));
    List<BrowserSession> sessions = List.of(
        new ChromiumDriverFactory(new ChromiumDriverFactory.Settings(TestBrowsers.CHROMEDRIVER, null, List.of(), base)).open(),
        new WebKitDriverFactory(WebKitDriverFactory.Settings.debianDefaults(base)).open());
    for (BrowserSession session : sessions) {
      AttemptOutcome outcome = executor.execute(anAssignment().to(page).doing(new Screenshot(null, null, null, null)).build(),
          session, new RecordingReports(), AttemptControl.NONE, "killed-jvm-test");
      if (!(outcome instanceof AttemptOutcome.Succeeded)) {
        System.out.println("failed " + session.engine() + ": " + outcome);
        System.exit(1);
      }
    }
    System.out.println("mark " + reaper.owner().value());
    System.out.println("reaper " + reaper.pid());
    System.out.println("pids " + ProcessHandle.current().descendants().map(p -> Long.toString(p.pid()))
        .collect(Collectors.joining(" ")));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
