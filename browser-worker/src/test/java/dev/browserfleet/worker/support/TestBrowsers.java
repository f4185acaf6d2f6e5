package dev.browserfleet.worker.support;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.worker.browser.ChromiumDriverFactory;
import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.JobRunner;
import dev.browserfleet.worker.execution.UrlGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One warm session per engine and test JVM, run the way a worker slot runs it: an attempt through
 * the {@link AttemptExecutor}, then the pool's reset or replacement. Each engine's browser starts
 * when a test first asks for it; all are closed by a shutdown hook.
 */
public final class TestBrowsers {

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final Map<Engine, SessionPool> pools = new EnumMap<>(Engine.class);
  private static final Map<Engine, BrowserSession> sessions = new EnumMap<>(Engine.class);
  private static Path artifactRoot;
  private static AttemptExecutor executor;

  private TestBrowsers() {}

  /** What a job run produced. */
  public record Run(AttemptOutcome outcome, RecordingReports reports, BrowserSession ranOn, BrowserSession next,
      long elapsedMs) {}

  public static ChromiumDriverFactory chromium() {
    return chromium(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Chromium whose sessions put their temp roots under {@code tempBase}. */
  public static ChromiumDriverFactory chromium(Path tempBase) {
    return new ChromiumDriverFactory(new ChromiumDriverFactory.Settings(CHROMEDRIVER, null, List.of(), tempBase));
  }

  public static ArtifactDirectory artifacts() {
    init();
    return new ArtifactDirectory(artifactRoot);
  }

  /** A runner as configured by default: executeScript disabled. */
  public static JobRunner runner(boolean allowPrivateTargets) {
    return runner(allowPrivateTargets, JobRunner.Settings.DEFAULTS);
  }

  public static JobRunner runner(boolean allowPrivateTargets, JobRunner.Settings settings) {
    return new JobRunner(
        new UrlGuard(new TargetAddressPolicy(allowPrivateTargets, TargetAddressPolicy.SYSTEM_DNS)),
        artifacts(),
        settings);
  }

  /** An executor whose runner refuses {@code url} by a blacklist URL policy with id {@code policyId}, private targets allowed. */
  public static AttemptExecutor blacklisting(UUID policyId, String url) {
    Instant at = Instant.now();
    var policy = new UrlPolicy(policyId, url, UrlPolicyType.BLACKLIST, null, true, at, at);
    var guard = new UrlGuard(new TargetAddressPolicy(true, TargetAddressPolicy.SYSTEM_DNS),
        () -> UrlPolicies.of(List.of(policy)));
    return new AttemptExecutor(new JobRunner(guard, artifacts(), JobRunner.Settings.DEFAULTS), Duration.ofMillis(50));
  }

  /** Runs {@code job} on the shared Chromium session, private targets allowed (the test pages are on loopback). */
  public static synchronized Run run(JobAssignment job) {
    return run(Engine.CHROMIUM, job);
  }

  public static synchronized Run run(JobAssignment job, AttemptExecutor with) {
    return run(Engine.CHROMIUM, job, with);
  }

  /** Runs {@code job} on the shared session of {@code engine}, private targets allowed, executeScript enabled. */
  public static synchronized Run run(Engine engine, JobAssignment job) {
    init();
    return run(engine, job, executor);
  }

  public static synchronized Run run(Engine engine, JobAssignment job, AttemptExecutor with) {
    init();
    SessionPool pool = pools.computeIfAbsent(engine, TestBrowsers::newPool);
    BrowserSession session = sessions.get(engine);
    if (session == null) {
      session = pool.open();
    }
    var reports = new RecordingReports();
    BrowserSession ranOn = session;
    long start = System.nanoTime();
    AttemptOutcome outcome = with.execute(job, session, reports, AttemptControl.NONE, "test-job");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    sessions.remove(engine);
    BrowserSession next = pool.afterJob(ranOn, outcome.sessionReusable());
    sessions.put(engine, next);
    return new Run(outcome, reports, ranOn, next, elapsedMs);
  }

  private static SessionPool newPool(Engine engine) {
    Path tempBase = Path.of(System.getProperty("java.io.tmpdir"));
    DriverFactory factory = switch (engine) {
      case CHROMIUM -> chromium();
      case FIREFOX -> new FirefoxBiDiFactory(FirefoxBiDiFactory.Settings.debianDefaults(tempBase));
      case WEBKIT -> new WebKitDriverFactory(WebKitDriverFactory.Settings.debianDefaults(tempBase), TestPages.httpsTrust());
    };
    return new SessionPool(factory, 50);
  }

  private static synchronized void init() {
    if (artifactRoot != null) {
      return;
    }
    try {
      // Removed by this JVM's reaper should the JVM be killed before its shutdown hook runs.
      artifactRoot = Reaper.ofThisJvm().newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "worker-artifacts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The shared executor allows executeScript, which the tests use to look into pages.
    executor = new AttemptExecutor(runner(true, JobRunner.Settings.DEFAULTS.withExecuteScript(true)), Duration.ofMillis(50));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      List.copyOf(pools.values()).forEach(SessionPool::close);
      TempDirs.deleteRecursively(artifactRoot);
    }, "test-browsers-stop"));
  }
}
