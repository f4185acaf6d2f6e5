package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.TargetBy;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job runner on real headless Firefox (Debian's firefox-esr), which the worker starts itself
 * and drives over WebDriver BiDi: no geckodriver. One warm browser for the class, as a worker slot
 * keeps one.
 */
class JobRunnerFirefoxTest {

  private static final BrowserType FIREFOX_DESKTOP = seeded(Engine.FIREFOX, false);
  private static final BrowserType FIREFOX_MOBILE = seeded(Engine.FIREFOX, true);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static Set<Long> processesBefore;
  private static SessionPool pool;
  private static BrowserSession session;
  private static AttemptExecutor executor;

  @BeforeAll
  static void startFirefox() {
    processesBefore = descendants();
    pool = new SessionPool(new FirefoxBiDiFactory(
        FirefoxBiDiFactory.Settings.debianDefaults(Path.of(System.getProperty("java.io.tmpdir")))), 50);
    session = pool.open();
    executor = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
  }

  @AfterAll
  static void stopFirefox() {
    pool.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!startedHere().isEmpty() && System.nanoTime() < deadline) {
      Elements.pause();
    }
    assertThat(startedHere()).as("Firefox and its content processes are gone").isEmpty();
  }

  /**
   * The processes of this JVM that this class's Firefox started, and not those that a browser
   * from before it started meanwhile: a warm Firefox of another test class in the same JVM
   * ({@code TestBrowsers}) launches content processes of its own when it likes.
   */
  private static Set<Long> startedHere() {
    Set<Long> left = descendants();
    left.removeAll(processesBefore);
    left.removeIf(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
        .map(parent -> processesBefore.contains(parent.pid())).orElse(false));
    return left;
  }

  @Test
  void navigateFillClickExtractAndAViewportScreenshotWork() throws Exception {
    var job = firefox().to(TestPages.url("late.html")).doing(
        new Navigate(TestPages.url("form.html"), null, null),
        new Fill("Type your name", TargetBy.GET_BY_PLACEHOLDER, null, null, null, "Ada"),
        new Click("#save", null, null, null, null),
        new Extract("greeting", "#greeting", null, null, null, null, null, null, null),
        new Extract("placeholder", "#name", null, null, null, null, "placeholder", null, null),
        new Extract("value", "#name", null, null, null, null, null, "value", null),
        new Screenshot(null, null, null, null)).build();

    var run = run(job);

    var result = succeeded(run.outcome);
    assertThat(run.session.engine()).isEqualTo(Engine.FIREFOX);
    assertThat(result.data()).containsEntry("greeting", "Hello, Ada").containsEntry("value", "Ada")
        .containsEntry("placeholder", "Type your name");
    assertThat(result.title()).isEqualTo("Sign up");
    BufferedImage image = png(run.reports.artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);
  }

  @Test
  void aFullPageScreenshotCoversThePageBeyondTheViewport() throws Exception {
    var run = run(firefox().to(TestPages.url("long.html")).doing(new Screenshot(true, null, null, null)).build());

    succeeded(run.outcome);
    BufferedImage image = png(run.reports.artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(5000);
  }

  @Test
  void anElementScreenshotIsTheElementAlone() throws Exception {
    var run = run(firefox().to(TestPages.url("image.html"))
        .doing(new Screenshot(null, null, null, null, "img", null, null, null)).build());

    succeeded(run.outcome);
    BufferedImage image = png(run.reports.artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(100);
    assertThat(image.getRGB(100, 50) & 0xFFFFFF).isEqualTo(0xFF0000);
  }

  @Test
  void aPdfIsARealPdf() throws Exception {
    var run = run(firefox().to(TestPages.url("form.html")).doing(new Pdf(null, null, null, null, null, null)).build());

    succeeded(run.outcome);
    Artifact pdf = run.reports.artifacts().getFirst();
    assertThat(pdf.mimeType()).isEqualTo("application/pdf");
    byte[] bytes = Files.readAllBytes(TestBrowsers.artifacts().resolve(pdf.path()));
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void waitForSelectorWaitsForAnElementThatAppearsLater() {
    var result = succeeded(run(firefox().to(TestPages.url("late.html")).doing(
        new WaitFor("#late", null, null, null, null, null, null, null, null),
        new Extract("late", "#late", null, null, null, null, null, null, null)).build()).outcome);

    assertThat(result.data()).containsKey("late");
  }

  @Test
  void aMobileTypeGetsThePhonesViewportPixelRatioAndUserAgentButNoTouch() throws Exception {
    var run = run(firefox().as(FIREFOX_MOBILE).to(TestPages.url("viewport.html"))
        .doing(new Extract("info", "#info", null, null, null, null, null, null, null), new Screenshot(null, null, null, null))
        .build());

    var result = succeeded(run.outcome);
    // Firefox 153 has no emulation.setTouchOverride over BiDi (the worker logs that once).
    assertThat((String) result.data().get("info"))
        .isEqualTo(FIREFOX_MOBILE.viewportWidth() + "x" + FIREFOX_MOBILE.viewportHeight() + " dpr=3 touch=false ua="
            + FIREFOX_MOBILE.userAgent());
    BufferedImage image = png(run.reports.artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(FIREFOX_MOBILE.viewportWidth() * 3);
    assertThat(image.getHeight()).isEqualTo(FIREFOX_MOBILE.viewportHeight() * 3);
  }

  @Test
  void aDesktopJobAfterAMobileOneOnTheSameBrowserIsDesktopAgain() {
    run(firefox().as(FIREFOX_MOBILE).to(TestPages.url("viewport.html")).build());

    var result = succeeded(run(firefox().to(TestPages.url("viewport.html"))
        .doing(new Extract("info", "#info", null, null, null, null, null, null, null)).build()).outcome);

    assertThat((String) result.data().get("info")).startsWith("1280x720 dpr=1 touch=false")
        .doesNotContain(FIREFOX_MOBILE.userAgent());
  }

  @Test
  void anActionInsideAFrameFindsItsElementThere() {
    var result = succeeded(run(firefox().to(TestPages.url("frame.html")).doing(
        new Fill("#name", null, null, FramePath.of("#inner"), null, "Grace"),
        new Click("#save", null, null, FramePath.of("#inner"), null),
        new Extract("greeting", "#greeting", null, null, FramePath.of("#inner"), null, null, null, null)).build()).outcome);

    assertThat(result.data()).containsEntry("greeting", "Hello, Grace");
  }

  @Test
  void aPopupToTheMetadataAddressIsRefusedAndFailsTheJob() {
    var job = firefox().to(TestPages.url("popup.html")).doing(new Click("#metadata", null, null, null, null), new Wait(1000))
        .build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("is denied").contains("169.254.169.254");
  }

  @Test
  void dialogsAreAcceptedSoTheyNeverBlockTheJob() {
    var result = succeeded(run(firefox().to(TestPages.url("dialogs.html")).doing(
        new Click("#ask", null, null, null, null),
        new Extract("answer", "#answer", null, null, null, null, null, null, null)).build()).outcome);

    assertThat(result.data()).containsEntry("answer", "confirmed=true");
  }

  @Test
  void networkIdleWaitsForSlowResourcesWhileDomContentLoadedDoesNot() {
    var early = run(firefox().to(TestPages.url("slow.html")).waitingUntil(WaitUntil.DOM_CONTENT_LOADED).build());
    var idle = run(firefox().to(TestPages.url("slow.html")).waitingUntil(WaitUntil.NETWORK_IDLE).build());

    succeeded(early.outcome);
    succeeded(idle.outcome);
    assertThat(openMillis(early)).isLessThan(1_000);
    // the image takes 1200 ms, then 500 ms must pass without a request
    assertThat(openMillis(idle)).isGreaterThanOrEqualTo(1_700);
  }

  @Test
  void nothingOfOneJobIsVisibleToTheNextOnTheSameWarmBrowser() {
    var seen = new Extract("seen", "#seen", null, null, null, null, null, null, null);
    var first = run(firefox().to(TestPages.url("storage.html")).doing(seen).build());

    var second = run(firefox().to(TestPages.url("storage.html")).doing(seen).build());

    assertThat(second.session).as("the same warm browser").isSameAs(first.session);
    assertThat((String) succeeded(second.outcome).data().get("seen")).startsWith("cookie=;local=null;session=null;name=;");
  }

  @Test
  void cookiesAndStorageAreInPlaceBeforeTheFirstRequestAndScript() {
    var storage = new BrowserStorage(
        List.of(new BrowserStorage.Cookie("session", "abc123", null, null, null, true, "Lax", null),
            new BrowserStorage.Cookie("lang", "fr", "127.0.0.1", "/", null, null, null, 4_000_000_000L)),
        Map.of("theme", "dark"), Map.of("tab", "2"));
    var job = firefox().to(TestPages.url("cookies")).withStorage(storage).doing(
        new Extract("cookies", "#cookies", null, null, null, null, null, null, null),
        new Extract("storage", "#storage", null, null, null, null, null, null, null)).build();

    var result = succeeded(run(job).outcome);

    assertThat((String) result.data().get("cookies")).contains("session=abc123").contains("lang=fr");
    assertThat(result.data()).containsEntry("storage", "dark/2");
    var next = succeeded(run(firefox().to(TestPages.url("cookies")).doing(
        new Extract("cookies", "#cookies", null, null, null, null, null, null, null),
        new Extract("storage", "#storage", null, null, null, null, null, null, null)).build()).outcome);
    assertThat(next.data()).as("gone for the next job").containsEntry("cookies", "").containsEntry("storage", "null/null");
  }

  @Test
  void aRedirectHopToAUrlAPolicyDeniesIsRefusedBeforeItIsRequested() {
    UUID policyId = UUID.randomUUID();
    String secret = TestPages.url("secret.html");
    int requestsBefore = TestPages.requests("/secret.html");
    var job = firefox().to(TestPages.url("redirect?to=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)))
        .doing(new Wait(10)).build();

    var failed = failed(run(job, TestBrowsers.blacklisting(policyId, secret)).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("navigation to " + secret + " is denied").contains("URL policy " + policyId);
    assertThat(TestPages.requests("/secret.html")).as("Firefox never requested the hop").isEqualTo(requestsBefore);
  }

  @Test
  void aClickedLinkToTheMetadataAddressIsNotLoaded() {
    var job = firefox().to(TestPages.url("dynamic.html"))
        .doing(new Click("#metadata", null, null, null, null), new Wait(1000)).build();

    var failed = failed(run(job).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("is denied").contains("169.254.169.254");
  }

  @Test
  void anUnreachablePortIsARetryableNavigationFailure() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    var failed = failed(run(firefox().to("http://127.0.0.1:" + closedPort + "/").build()).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.NAVIGATION);
    assertThat(failed.failure().retryable()).isTrue();
    assertThat(failed.failure().message()).contains("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:" + closedPort + "/");
  }

  @Test
  void aPortBrowsersRefuseFailsTheNavigationClearly() {
    var failed = failed(run(firefox().to("http://127.0.0.1:1/").build()).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("http://127.0.0.1:1/").contains("net::ERR_UNSAFE_PORT");
  }

  @Test
  void everyConnectionGoesThroughTheGuardProxyWhichRefusesADeniedAddress() {
    var refuseLocalhost = new NavigationGuard() {
      @Override
      public Optional<String> denial(String url) {
        return Optional.empty();
      }

      @Override
      public Optional<String> connectionDenial(String host, InetAddress address) {
        return host.equals("localhost") ? Optional.of("a request to localhost is denied by this test") : Optional.empty();
      }
    };
    int before = TestPages.requests("/red.png");
    session.beginJob(new DeviceProfile(1280, 720, 1, false, null), refuseLocalhost);
    try {
      session.open(TestPages.url("probe.html?host=localhost"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20)));
      assertThat(session.title()).isEqualTo("failed");
      assertThat(TestPages.requests("/red.png")).as("the image's request never reached the server").isEqualTo(before);

      session.open(TestPages.url("probe.html?host=127.0.0.1"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20)));
      assertThat(session.title()).isEqualTo("loaded");
      assertThat(TestPages.requests("/red.png")).isEqualTo(before + 1);
    } finally {
      session.reset();
    }
  }

  private static dev.browserfleet.worker.support.Assignments firefox() {
    return anAssignment().as(FIREFOX_DESKTOP);
  }

  private static BrowserType seeded(Engine engine, boolean mobile) {
    return SeedBrowserTypes.all().stream().filter(t -> t.type() == engine && t.emulatesMobile() == mobile)
        .findFirst().orElseThrow();
  }

  private static BufferedImage png(Artifact artifact) throws IOException {
    byte[] bytes = Files.readAllBytes(TestBrowsers.artifacts().resolve(artifact.path()));
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
    return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
  }

  private static long openMillis(Run run) {
    return run.reports.logs().stream().filter(l -> l.message().startsWith("opened "))
        .map(l -> ((Number) l.metadata().get("durationMs")).longValue()).findFirst().orElseThrow();
  }

  private record Run(AttemptOutcome outcome, RecordingReports reports, BrowserSession session) {}

  private static Run run(JobAssignment job) {
    return run(job, executor);
  }

  private static synchronized Run run(JobAssignment job, AttemptExecutor with) {
    var reports = new RecordingReports();
    BrowserSession ranOn = session;
    AttemptOutcome outcome = with.execute(job, ranOn, reports, AttemptControl.NONE, "firefox-job");
    session = pool.afterJob(ranOn, outcome.sessionReusable());
    return new Run(outcome, reports, ranOn);
  }

  private static Set<Long> descendants() {
    // Not the JVM's reaper: the first local session starts it, and it lives as long as the JVM.
    long reaper = Reaper.ofThisJvm().pid();
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> !p.info().command().orElse("").contains("chrom"))
        .map(ProcessHandle::pid).filter(pid -> pid != reaper).collect(Collectors.toSet());
  }
}
