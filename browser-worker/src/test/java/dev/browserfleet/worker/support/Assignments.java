package dev.browserfleet.worker.support;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.time.Instant;
import java.util.List;

/** Test-data builder for lane records: {@code anAssignment().to(url).doing(actions).build()}. */
public final class Assignments {

  public static final BrowserType CHROMIUM_DESKTOP = SeedBrowserTypes.all().get(0);
  public static final BrowserType CHROMIUM_MOBILE = SeedBrowserTypes.all().get(1);

  private JobId jobId = JobId.random();
  private int attempt = 1;
  private BrowserType browserType = CHROMIUM_DESKTOP;
  private String targetUrl = "about:blank";
  private List<Action> actions = List.of();
  private WaitUntil waitUntil = WaitUntil.LOAD;
  private int timeoutMs = 20_000;
  private BrowserStorage browserStorage;

  private Assignments() {}

  public static Assignments anAssignment() {
    return new Assignments();
  }

  public Assignments to(String url) {
    this.targetUrl = url;
    return this;
  }

  public Assignments doing(Action... actions) {
    this.actions = List.of(actions);
    return this;
  }

  public Assignments as(BrowserType type) {
    this.browserType = type;
    return this;
  }

  public Assignments waitingUntil(WaitUntil waitUntil) {
    this.waitUntil = waitUntil;
    return this;
  }

  public Assignments withTimeoutMs(int timeoutMs) {
    this.timeoutMs = timeoutMs;
    return this;
  }

  public Assignments withId(JobId jobId) {
    this.jobId = jobId;
    return this;
  }

  public Assignments withStorage(BrowserStorage storage) {
    this.browserStorage = storage;
    return this;
  }

  public Assignments attempt(int attempt) {
    this.attempt = attempt;
    return this;
  }

  public JobAssignment build() {
    return new JobAssignment(jobId, attempt, "bf.lane.chromium.normal", browserType, targetUrl, actions, waitUntil,
        timeoutMs, 50, Instant.now(), browserStorage);
  }
}
