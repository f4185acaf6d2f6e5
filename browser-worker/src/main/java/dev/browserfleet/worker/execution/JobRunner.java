package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one attempt of a job on a browser session: checks the URLs, opens the target, runs the
 * actions in order, stores artifacts and reports each step. It never throws: every failure
 * becomes an {@link AttemptOutcome.Failed} carrying the partial result. The whole-attempt timeout
 * is the {@link AttemptExecutor}'s business; this class only keeps its waits within the deadline.
 */
public final class JobRunner {

  private final UrlGuard urlGuard;
  private final ArtifactStore artifacts;
  private final Settings settings;
  private final StageTimes stages;

  /**
   * @param defaultActionTimeout how long an action waits (for its element, a condition, a script)
   *     when it sets no {@code timeoutMs}
   * @param mobileScaleFactor the device pixel ratio that mobile browser types emulate
   * @param executeScriptEnabled whether {@code executeScript} actions may run
   */
  public record Settings(Duration defaultActionTimeout, double mobileScaleFactor, boolean executeScriptEnabled) {
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), 3.0, false);

    public Settings withExecuteScript(boolean enabled) {
      return new Settings(defaultActionTimeout, mobileScaleFactor, enabled);
    }
  }

  public JobRunner(UrlGuard urlGuard, ArtifactStore artifacts, Settings settings) {
    this(urlGuard, artifacts, settings, StageTimes.NONE);
  }

  public JobRunner(UrlGuard urlGuard, ArtifactStore artifacts, Settings settings, StageTimes stages) {
    this.urlGuard = urlGuard;
    this.artifacts = artifacts;
    this.settings = settings;
    this.stages = stages;
  }

  /** Where this runner records the time of each stage; the caller records the report's. */
  public StageTimes stages() {
    return stages;
  }

  public AttemptOutcome run(
      JobAssignment job, BrowserSession session, AttemptReports reports, ResultBuilder result, Deadline deadline) {
    List<Action> actions = job.actions();
    int total = actions.size();
    String engine = session.engine().wireName();
    if (job.assignedAt() != null) {
      stages.record(StageTimes.Stage.QUEUED, engine, null,
          Math.max(0, Duration.between(job.assignedAt(), Instant.now()).toNanos()));
    }
    for (int i = 0; i < total; i++) {
      Optional<String> problem = ActionValidator.problem(actions.get(i));
      if (problem.isPresent()) {
        String message = step(i, total, actions.get(i), true) + " is invalid: " + problem.get();
        result.rejected(i, message);
        reports.progressed(i, total, actions.get(i).actionName(), targetOf(actions.get(i)), 0, false, message);
        return new AttemptOutcome.Failed(new Failure(FailureKind.INVALID_ACTION, message, false), result.build());
      }
    }
    WaitUntil waitUntil = job.waitUntil() == null ? SubmitJob.DEFAULT_WAIT_UNTIL : job.waitUntil();
    long openStart = System.nanoTime();
    try {
      urlGuard.check("targetUrl", job.targetUrl());
      session.beginJob(DeviceProfile.of(job.browserType(), settings.mobileScaleFactor()), urlGuard.navigationGuard());
      session.reportDialogsTo(result::dialogMet);
      if (job.browserStorage() != null && !job.browserStorage().isEmpty()) {
        session.prepareStorage(job.targetUrl(), job.browserStorage());
      }
      openChecked(session, "targetUrl", job.targetUrl(), waitUntil, deadline);
      stages.record(StageTimes.Stage.BROWSER_OPEN, engine, null, System.nanoTime() - openStart);
      long ms = millisSince(openStart);
      reports.logged(LogLevel.INFO, "opened " + job.targetUrl() + " (" + waitUntil.wireName() + ") in " + ms + " ms",
          Map.of("url", job.targetUrl(), "waitUntil", waitUntil.wireName(), "durationMs", ms));
    } catch (RuntimeException e) {
      Failure failure = FailureClassifier.classify(e, session::takeBlockedNavigation);
      failure = failure.withMessage("opening " + job.targetUrl() + " failed: " + failure.message());
      reports.logged(LogLevel.ERROR, failure.message(), Map.of("url", job.targetUrl(), "durationMs", millisSince(openStart)));
      recordPage(session, failure, result);
      return new AttemptOutcome.Failed(failure, result.build());
    }
    var navigator = new ActionSteps.Navigator() {
      @Override
      public void open(String what, String url, WaitUntil until, Deadline by) {
        openChecked(session, what, url, until, by);
      }

      @Override
      public void checkLanded(String what) {
        throwIfBlocked(session, what);
        checkPage(what, session.currentUrl());
      }
    };
    ArtifactStore timedStore = (jobId, type, extension, mimeType, bytes, actionIndex) -> {
      long start = System.nanoTime();
      try {
        return artifacts.store(jobId, type, extension, mimeType, bytes, actionIndex);
      } finally {
        stages.record(StageTimes.Stage.ARTIFACT_STORED, engine, null, System.nanoTime() - start);
      }
    };
    var steps = new ActionSteps(job, session, reports, result, deadline, settings, timedStore, navigator, waitUntil);
    for (int i = 0; i < total; i++) {
      Action action = actions.get(i);
      result.begin(i);
      long start = System.nanoTime();
      try {
        UUID artifactId = steps.perform(i, action);
        throwIfBlocked(session, step(i, total, action, false));
        stages.record(StageTimes.Stage.ACTION, engine, action.actionName(), System.nanoTime() - start);
        long ms = millisSince(start);
        result.succeeded(i, ms, artifactId);
        reports.progressed(i, total, action.actionName(), targetOf(action), ms, true, null);
      } catch (RuntimeException e) {
        stages.record(StageTimes.Stage.ACTION, engine, action.actionName(), System.nanoTime() - start);
        long ms = millisSince(start);
        Failure failure = FailureClassifier.classify(e, session::takeBlockedNavigation);
        failure = failure.withMessage(step(i, total, action, true) + " failed: " + failure.message());
        result.failed(i, ms, failure.message());
        reports.progressed(i, total, action.actionName(), targetOf(action), ms, false, failure.message());
        recordPage(session, failure, result);
        return new AttemptOutcome.Failed(failure, result.build());
      }
    }
    recordPage(session, null, result);
    return new AttemptOutcome.Succeeded(result.build());
  }

  /**
   * Opens {@code url} once the guard allows it. The browser vets every document it then loads,
   * redirect hops included; where it cannot, the page it landed on is checked after the fact.
   */
  private void openChecked(BrowserSession session, String what, String url, WaitUntil waitUntil, Deadline deadline) {
    urlGuard.check(what, url);
    session.open(url, waitUntil, deadline);
    throwIfBlocked(session, what);
    String landed = session.currentUrl();
    if (landed != null && !landed.equals(url)) {
      checkPage(what + " redirected to", landed);
    }
  }

  /** The guard's check of a page the browser is on; only http and https pages come from the network. */
  private void checkPage(String what, String url) {
    if (url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
      urlGuard.check(what, url);
    }
  }

  private static void throwIfBlocked(BrowserSession session, String what) {
    session.takeBlockedNavigation().ifPresent(why -> {
      throw new StepException(FailureKind.URL_POLICY, what + ": " + why);
    });
  }

  /** The URL and title the page ended on, unless the browser is gone. */
  private static void recordPage(BrowserSession session, Failure failure, ResultBuilder result) {
    if (failure != null && failure.sessionBroken()) {
      return;
    }
    try {
      result.page(session.currentUrl(), session.title());
    } catch (EngineException e) {
      // the page is unknown; the result says so by leaving them out
    }
  }

  /** "action 2/3 click", and with {@code withTarget} " on getBySelector '#save'". */
  static String step(int index, int total, Action action, boolean withTarget) {
    String step = "action " + (index + 1) + "/" + total + " " + action.actionName();
    String target = targetOf(action);
    return withTarget && target != null ? step + " on " + target : step;
  }

  private static String targetOf(Action action) {
    return action instanceof ElementAction element && element.hasTarget() ? Targets.describe(element) : null;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
