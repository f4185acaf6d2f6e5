package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.PageElement;
import dev.browserfleet.worker.engine.PageScripts;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What the steps of one attempt share: the job, its session, its deadline and where results go. */
final class StepContext {

  final JobAssignment job;
  final BrowserSession session;
  final ResultBuilder result;
  final Deadline deadline;
  final JobRunner.Settings settings;
  final ActionSteps.Navigator navigator;
  final Elements elements;
  final WaitUntil jobWaitUntil;
  private final AttemptReports reports;
  private final ArtifactStore artifacts;

  StepContext(JobAssignment job, BrowserSession session, AttemptReports reports, ResultBuilder result,
      Deadline deadline, JobRunner.Settings settings, ArtifactStore artifacts, ActionSteps.Navigator navigator,
      WaitUntil jobWaitUntil) {
    this.job = job;
    this.session = session;
    this.reports = reports;
    this.result = result;
    this.deadline = deadline;
    this.settings = settings;
    this.artifacts = artifacts;
    this.navigator = navigator;
    this.elements = new Elements(session);
    this.jobWaitUntil = jobWaitUntil;
  }

  /** How long an action may wait: its own timeoutMs or the default, within the attempt's deadline. */
  Duration patience(Action action) {
    Duration wanted = action.timeoutMs() == null
        ? settings.defaultActionTimeout() : Duration.ofMillis(action.timeoutMs());
    return deadline.cap(wanted);
  }

  /** When a navigation must be done: within its own timeoutMs if it has one, else by the attempt's deadline. */
  Deadline navigationDeadline(Action action) {
    return action.timeoutMs() == null ? deadline : deadline.within(Duration.ofMillis(action.timeoutMs()));
  }

  <T> T onElement(ElementAction action, Elements.Readiness readiness, Function<PageElement, T> act) {
    return elements.act(action, readiness, patience(action), act);
  }

  /** "action 2/5 back", as the navigator names what it checks. */
  String step(int index, Action action) {
    return "action " + (index + 1) + "/" + job.actions().size() + " " + action.actionName();
  }

  UUID store(int index, ArtifactType type, String extension, String mimeType, byte[] bytes) {
    Artifact artifact = artifacts.store(job.jobId(), type, extension, mimeType, bytes, index);
    reports.artifactStored(artifact);
    return artifact.id();
  }

  static String script(String name) {
    return PageScripts.load(StepContext.class, name);
  }

  static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted during a wait");
    }
  }
}
