package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core actions on WebKitGTK (MiniBrowser through WebKitWebDriver on an Xvfb display the worker starts). */
class JobRunnerWebKitTest {

  private static Set<Long> processesBefore;
  private static SessionPool pool;
  private static BrowserSession session;
  private static AttemptExecutor executor;

  @BeforeAll
  static void startWebKit() {
    processesBefore = descendants();
    pool = new SessionPool(new WebKitDriverFactory(
        WebKitDriverFactory.Settings.debianDefaults(Path.of(System.getProperty("java.io.tmpdir"))), TestPages.httpsTrust()), 50);
    session = pool.open();
    executor = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
  }

  @AfterAll
  static void stopWebKit() {
    pool.close();
    // Processes end a moment after they are killed; what is left after a few seconds is a leak.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!descendants().equals(processesBefore) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Set<Long> left = descendants();
    left.removeAll(processesBefore);
    assertThat(left).as(() -> "Xvfb, WebKitWebDriver and MiniBrowser are gone; left: " + left.stream()
            .map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?")).toList())
        .isEmpty();
  }

  @Test
  void navigateFillClickExtractAndScreenshotWork() throws Exception {
    var job = anAssignment().to(TestPages.url("late.html")).doing(
        new Navigate(TestPages.url("form.html"), null, null),
        new Fill("Type your name", dev.browserfleet.contracts.action.TargetBy.GET_BY_PLACEHOLDER, null, null, null, "Ada"),
        new Click("#save", null, null, null, null),
        new Extract("greeting", "#greeting", null, null, null, null, null, null, null),
        new Screenshot(null, null, null, null)).build();

    var run = run(job);

    var result = succeeded(run.outcome);
    assertThat(run.session.engine()).isEqualTo(Engine.WEBKIT);
    assertThat(result.data()).containsEntry("greeting", "Hello, Ada");
    assertThat(result.title()).isEqualTo("Sign up");
    Artifact shot = run.reports.artifacts().getFirst();
    BufferedImage image = ImageIO.read(TestBrowsers.artifacts().resolve(shot.path()).toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);
  }

  @Test
  void imagesAreLoadedAndShownInScreenshots() throws Exception {
    var job = anAssignment().to(TestPages.url("image.html")).doing(new Screenshot(null, null, null, null)).build();

    var run = run(job);

    succeeded(run.outcome);
    Artifact shot = run.reports.artifacts().getFirst();
    BufferedImage image = ImageIO.read(TestBrowsers.artifacts().resolve(shot.path()).toFile());
    assertThat(image.getRGB(100, 50) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(image.getRGB(400, 50) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void commandsWhileAnImageIsStillLoadingAreAnswered() {
    var job = anAssignment().to(TestPages.url("slow.html")).waitingUntil(WaitUntil.DOM_CONTENT_LOADED)
        .doing(new Extract("text", "#text", null, null, null, null, null, null, null)).build();

    var run = run(job);

    assertThat(succeeded(run.outcome).data()).containsEntry("text", "A page with a slow image.");
  }

  @Test
  void pdfFailsClearlyWithoutRetryBecauseWebKitCannotPrint() {
    var job = anAssignment().to(TestPages.url("form.html")).doing(new Pdf(null, null, null, null, null, null)).build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("action 1/1 pdf").contains("pdf is not supported on webkit");
  }

  @Test
  void nothingOfOneJobIsVisibleToTheNext() {
    var seen = new Extract("seen", "#seen", null, null, null, null, null, null, null);
    run(anAssignment().to(TestPages.url("storage.html")).doing(seen).build());

    var second = run(anAssignment().to(TestPages.url("storage.html")).doing(seen).build());

    assertThat(succeeded(second.outcome).data()).containsEntry("seen", "cookie=;local=null;session=null;name=;history=2");
  }

  @Test
  void aPopupOnAUrlAPolicyDeniesIsClosedAfterTheFactAndFailsTheJob() {
    UUID policyId = UUID.randomUUID();
    var withPolicy = TestBrowsers.blacklisting(policyId, TestPages.url("secret.html"));
    var job = anAssignment().to(TestPages.url("popup.html"))
        .doing(new Click("#secret", null, null, null, null), new Wait(1500)).build();

    var failed = failed(run(job, withPolicy).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message())
        .contains("navigation to " + TestPages.url("secret.html") + " is denied").contains("URL policy " + policyId);
    assertThat(failed.result().title()).as("the job's own window stays current").isEqualTo("Popup");
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"http", "https"})
  void aRedirectHopToAUrlAPolicyDeniesIsRefusedBeforeItIsRequested(String scheme) {
    UUID policyId = UUID.randomUUID();
    String secret = page(scheme, "secret.html");
    var withPolicy = TestBrowsers.blacklisting(policyId, secret);
    int requestsBefore = TestPages.requests("/secret.html");
    var job = anAssignment()
        .to(page(scheme, "redirect?to=" + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)))
        .doing(new Wait(10)).build();

    var failed = failed(run(job, withPolicy).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("navigation to " + secret + " is denied").contains("URL policy " + policyId);
    assertThat(TestPages.requests("/secret.html"))
        .as("WebKit's request for the hop went to the worker's guard proxy, which refused it").isEqualTo(requestsBefore);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"http", "https"})
  void aRedirectHopToTheCloudMetadataAddressFailsTheJob(String scheme) {
    var guarded = new AttemptExecutor(new JobRunner(
        new UrlGuard(new TargetAddressPolicy(true, TargetAddressPolicy.SYSTEM_DNS)), TestBrowsers.artifacts(),
        JobRunner.Settings.DEFAULTS), Duration.ofMillis(50));
    String metadata = scheme + "://169.254.169.254/latest/meta-data/";
    var job = anAssignment()
        .to(TestPages.url("redirect?to=" + java.net.URLEncoder.encode(metadata, java.nio.charset.StandardCharsets.UTF_8)))
        .doing(new Wait(10)).build();

    var failed = failed(run(job, guarded).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("navigation to " + metadata + " is denied").contains("link-local or metadata");
  }

  @Test
  void anUnreachableTargetIsARetryableNavigationFailureAsOnChromium() throws java.io.IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var job = anAssignment().to("http://127.0.0.1:" + closedPort + "/").build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION);
    assertThat(failed.failure().retryable()).isTrue();
    assertThat(failed.failure().message()).contains("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:" + closedPort + "/");
  }

  @Test
  void aTargetWebKitWillNotLoadFailsTheJobRatherThanLeavingItOnABlankPage() {
    String target = TestPages.url("status?code=204");
    var job = anAssignment().to(target).doing(new Wait(10)).build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_ABORTED at " + target).contains("stayed on about:blank");
  }

  @Test
  void aPortBrowsersRefuseFailsTheJobWithChromiumsNameForIt() {
    var job = anAssignment().to("http://127.0.0.1:1/").doing(new Wait(10)).build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("net::ERR_UNSAFE_PORT at http://127.0.0.1:1/");
  }

  @Test
  void anHttpsPageIsBrowsedThroughTheGuardProxy() {
    var job = anAssignment().to(TestPages.httpsUrl("form.html")).doing(
        new Fill("#name", null, null, null, null, "Ada"),
        new Click("#save", null, null, null, null),
        new Extract("greeting", "#greeting", null, null, null, null, null, null, null)).build();

    var result = succeeded(run(job).outcome);

    assertThat(result.title()).isEqualTo("Sign up");
    assertThat(result.data()).containsEntry("greeting", "Hello, Ada");
  }

  /** An executor under a blacklist policy {@code policyId} that denies {@code url}. */
  private static String page(String scheme, String path) {
    return scheme.equals("https") ? TestPages.httpsUrl(path) : TestPages.url(path);
  }

  private record Run(AttemptOutcome outcome, RecordingReports reports, BrowserSession session) {}

  private static Run run(JobAssignment job) {
    return run(job, executor);
  }

  private static synchronized Run run(JobAssignment job, AttemptExecutor executor) {
    var reports = new RecordingReports();
    BrowserSession ranOn = session;
    AttemptOutcome outcome = executor.execute(job, ranOn, reports, AttemptControl.NONE, "webkit-job");
    session = pool.afterJob(ranOn, outcome.sessionReusable());
    return new Run(outcome, reports, ranOn);
  }

  private static Set<Long> descendants() {
    // Not the JVM's reaper: it lives as long as the JVM, and is no session's.
    long reaper = Reaper.ofThisJvm().pid();
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> !p.info().command().orElse("").contains("chrom"))
        .map(ProcessHandle::pid).filter(pid -> pid != reaper).collect(Collectors.toSet());
  }
}
