package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.browser.BrowserSession;
import dev.browserfleet.worker.browser.DeviceProfile;
import dev.browserfleet.worker.browser.ImageFormat;
import dev.browserfleet.worker.browser.SessionInterruptedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

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

  /**
   * @param defaultActionTimeout how long an element action waits for its element when it sets no
   *     {@code timeoutMs}
   * @param mobileScaleFactor the device pixel ratio that mobile browser types emulate
   */
  public record Settings(Duration defaultActionTimeout, double mobileScaleFactor) {
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), 3.0);
  }

  public JobRunner(UrlGuard urlGuard, ArtifactStore artifacts, Settings settings) {
    this.urlGuard = urlGuard;
    this.artifacts = artifacts;
    this.settings = settings;
  }

  public AttemptOutcome run(
      JobAssignment job, BrowserSession session, AttemptReports reports, ResultBuilder result, Deadline deadline) {
    List<Action> actions = job.actions();
    int total = actions.size();
    for (int i = 0; i < total; i++) {
      Optional<String> problem = ActionValidator.problem(actions.get(i));
      if (problem.isPresent()) {
        String message = step(i, total, actions.get(i), true) + " is invalid: " + problem.get();
        result.rejected(i, message);
        reports.logged(LogLevel.ERROR, message, metadata(i, actions.get(i), 0));
        return new AttemptOutcome.Failed(new Failure(FailureKind.INVALID_ACTION, message, false), result.build());
      }
    }
    WaitUntil waitUntil = job.waitUntil() == null ? SubmitJob.DEFAULT_WAIT_UNTIL : job.waitUntil();
    long openStart = System.nanoTime();
    try {
      urlGuard.check("targetUrl", job.targetUrl());
      session.beginJob(DeviceProfile.of(job.browserType(), settings.mobileScaleFactor()));
      openChecked(session, "targetUrl", job.targetUrl(), waitUntil, deadline.remaining());
      long ms = millisSince(openStart);
      reports.logged(LogLevel.INFO, "opened " + job.targetUrl() + " (" + waitUntil.wireName() + ") in " + ms + " ms",
          Map.of("url", job.targetUrl(), "waitUntil", waitUntil.wireName(), "durationMs", ms));
    } catch (RuntimeException e) {
      Failure failure = FailureClassifier.classify(e);
      failure = failure.withMessage("opening " + job.targetUrl() + " failed: " + failure.message());
      reports.logged(LogLevel.ERROR, failure.message(), Map.of("url", job.targetUrl(), "durationMs", millisSince(openStart)));
      recordPage(session, failure, result);
      return new AttemptOutcome.Failed(failure, result.build());
    }
    for (int i = 0; i < total; i++) {
      Action action = actions.get(i);
      result.begin(i);
      long start = System.nanoTime();
      try {
        UUID artifactId = perform(job, i, action, session, reports, result, waitUntil, deadline);
        long ms = millisSince(start);
        result.succeeded(i, ms, artifactId);
        reports.logged(LogLevel.INFO, step(i, total, action, false) + " ok in " + ms + " ms", metadata(i, action, ms));
      } catch (RuntimeException e) {
        long ms = millisSince(start);
        Failure failure = FailureClassifier.classify(e);
        failure = failure.withMessage(step(i, total, action, true) + " failed: " + failure.message());
        result.failed(i, ms, failure.message());
        var meta = new LinkedHashMap<>(metadata(i, action, ms));
        meta.put("error", failure.message());
        reports.logged(LogLevel.ERROR, failure.message(), meta);
        recordPage(session, failure, result);
        return new AttemptOutcome.Failed(failure, result.build());
      }
    }
    recordPage(session, null, result);
    return new AttemptOutcome.Succeeded(result.build());
  }

  private UUID perform(
      JobAssignment job, int index, Action action, BrowserSession session, AttemptReports reports,
      ResultBuilder result, WaitUntil jobWaitUntil, Deadline deadline) {
    var elements = new Elements(session.driver());
    switch (action) {
      case Navigate navigate -> {
        WaitUntil waitUntil = navigate.waitUntil() == null ? jobWaitUntil : navigate.waitUntil();
        Duration timeout = navigate.timeoutMs() == null
            ? deadline.remaining() : deadline.cap(Duration.ofMillis(navigate.timeoutMs()));
        String what = "action " + (index + 1) + "/" + job.actions().size() + " navigate";
        urlGuard.check(what, navigate.url());
        openChecked(session, what, navigate.url(), waitUntil, timeout);
        return null;
      }
      case Click click -> {
        elements.act(click, Elements.Readiness.ACTIONABLE, waitFor(click, deadline), element -> {
          element.click();
          return null;
        });
        return null;
      }
      case Fill fill -> {
        elements.act(fill, Elements.Readiness.ACTIONABLE, waitFor(fill, deadline), element -> {
          element.clear();
          element.sendKeys(fill.value());
          return null;
        });
        return null;
      }
      case Wait wait -> {
        sleep(wait.ms());
        return null;
      }
      case Screenshot shot -> {
        ImageFormat format = ImageFormat.fromWireName(shot.typeOrPng()).orElseThrow();
        byte[] image = session.screenshot(shot.wantsFullPage(), format, shot.quality());
        Artifact artifact = artifacts.store(
            job.jobId(), ArtifactType.SCREENSHOT, format.extension(), format.mimeType(), image, index);
        reports.artifactStored(artifact);
        return artifact.id();
      }
      case Extract extract -> {
        Duration wait = waitFor(extract, deadline);
        Object value = extract.wantsAll()
            ? elements.all(extract, wait, element -> read(extract, element))
            : elements.act(extract, Elements.Readiness.PRESENT, wait, element -> read(extract, element));
        result.putData(extract.name(), value);
        return null;
      }
    }
  }

  /** Opens {@code url}, then checks where the browser ended up: a redirect may lead elsewhere. */
  private void openChecked(BrowserSession session, String what, String url, WaitUntil waitUntil, Duration timeout) {
    session.open(url, waitUntil, timeout);
    String landed = session.driver().getCurrentUrl();
    if (landed != null && !landed.equals(url) && (landed.startsWith("http://") || landed.startsWith("https://"))) {
      urlGuard.check(what + " redirected to", landed);
    }
  }

  private static String read(Extract extract, WebElement element) {
    if (extract.attribute() != null) {
      return element.getDomAttribute(extract.attribute());
    }
    String property = extract.property() == null ? "text" : extract.property();
    return switch (property) {
      case "html" -> element.getDomProperty("innerHTML");
      case "value" -> element.getDomProperty("value");
      default -> {
        // getText() is the rendered text; an element that is not rendered still has its content.
        String text = element.getText();
        if (text.isEmpty()) {
          String content = element.getDomProperty("textContent");
          yield content == null ? "" : content.strip();
        }
        yield text;
      }
    };
  }

  private Duration waitFor(ElementAction action, Deadline deadline) {
    Duration wanted = action.timeoutMs() == null
        ? settings.defaultActionTimeout() : Duration.ofMillis(action.timeoutMs());
    return deadline.cap(wanted);
  }

  /** The URL and title the page ended on, unless the browser is gone. */
  private static void recordPage(BrowserSession session, Failure failure, ResultBuilder result) {
    if (failure != null && failure.sessionBroken()) {
      return;
    }
    try {
      WebDriver driver = session.driver();
      result.page(driver.getCurrentUrl(), driver.getTitle());
    } catch (WebDriverException e) {
      // the page is unknown; the result says so by leaving them out
    }
  }

  /** "action 2/3 click", and with {@code withTarget} " on getBySelector '#save'". */
  private static String step(int index, int total, Action action, boolean withTarget) {
    String step = "action " + (index + 1) + "/" + total + " " + action.actionName();
    if (withTarget && action instanceof ElementAction element && element.target() != null) {
      step += " on " + Targets.describe(element);
    }
    return step;
  }

  private static Map<String, Object> metadata(int index, Action action, long durationMs) {
    return Map.of("index", index, "action", action.actionName(), "durationMs", durationMs);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted during a wait");
    }
  }
}
