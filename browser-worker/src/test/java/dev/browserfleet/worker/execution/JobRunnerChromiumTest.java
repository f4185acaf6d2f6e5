package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.support.Assignments.CHROMIUM_MOBILE;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.TargetBy;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The job runner against real headless Chromium and pages served on loopback. */
class JobRunnerChromiumTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void aScreenshotIsAValidPngOfTheDesktopViewportStoredWithItsSizeAndSha256() throws Exception {
    var job = anAssignment().to(TestPages.url("form.html")).doing(screenshot(null, null, null)).build();

    var run = TestBrowsers.run(job);

    JobResult result = succeeded(run.outcome());
    assertThat(run.reports().artifacts()).hasSize(1);
    Artifact artifact = run.reports().artifacts().getFirst();
    assertThat(artifact.artifactType()).isEqualTo(ArtifactType.SCREENSHOT);
    assertThat(artifact.mimeType()).isEqualTo("image/png");
    assertThat(artifact.path()).isEqualTo(job.jobId() + "/" + artifact.id() + ".png");
    assertThat(artifact.actionIndex()).isZero();
    Path file = TestBrowsers.artifacts().resolve(artifact.path());
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
    assertThat(artifact.sizeBytes()).isEqualTo((long) bytes.length).isEqualTo(Files.size(file));
    assertThat(artifact.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);
    assertThat(result.actions()).singleElement().satisfies(a -> {
      assertThat(a.success()).isTrue();
      assertThat(a.action()).isEqualTo("screenshot");
      assertThat(a.artifactId()).isEqualTo(artifact.id());
    });
    assertThat(result.finalUrl()).isEqualTo(TestPages.url("form.html"));
    assertThat(result.title()).isEqualTo("Sign up");
    assertThat(run.reports().progress()).singleElement().satisfies(p -> {
      assertThat(p.index()).isZero();
      assertThat(p.count()).isEqualTo(1);
      assertThat(p.action()).isEqualTo("screenshot");
      assertThat(p.success()).isTrue();
      assertThat(p.durationMs()).isEqualTo(result.actions().getFirst().durationMs());
    });
  }

  @Test
  void aFullPageScreenshotCoversThePageBeyondTheViewport() throws Exception {
    var job = anAssignment().to(TestPages.url("long.html")).doing(screenshot(true, null, null)).build();

    var run = TestBrowsers.run(job);

    succeeded(run.outcome());
    BufferedImage image = imageOf(run.reports().artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(5000);
  }

  @Test
  void aJpegScreenshotIsAJpegFile() throws Exception {
    var job = anAssignment().to(TestPages.url("form.html")).doing(screenshot(null, "jpeg", 60)).build();

    var run = TestBrowsers.run(job);

    succeeded(run.outcome());
    Artifact artifact = run.reports().artifacts().getFirst();
    assertThat(artifact.mimeType()).isEqualTo("image/jpeg");
    assertThat(artifact.path()).endsWith(".jpg");
    byte[] bytes = Files.readAllBytes(TestBrowsers.artifacts().resolve(artifact.path()));
    assertThat(bytes[0]).isEqualTo((byte) 0xFF);
    assertThat(bytes[1]).isEqualTo((byte) 0xD8);
  }

  @Test
  void theDesktopTypeGetsItsExactViewport() {
    var job = anAssignment().to(TestPages.url("viewport.html")).doing(extract("info", "#info")).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat((String) result.data().get("info")).startsWith("1280x720 dpr=1 touch=false");
  }

  @Test
  void aMobileTypeEmulatesThePhonesViewportPixelRatioTouchAndUserAgent() throws Exception {
    var job = anAssignment().as(CHROMIUM_MOBILE).to(TestPages.url("viewport.html"))
        .doing(extract("info", "#info"), screenshot(null, null, null)).build();

    var run = TestBrowsers.run(job);

    var result = succeeded(run.outcome());
    assertThat((String) result.data().get("info"))
        .isEqualTo("412x915 dpr=3 touch=true ua=" + CHROMIUM_MOBILE.userAgent());
    BufferedImage image = imageOf(run.reports().artifacts().getFirst());
    assertThat(image.getWidth()).isEqualTo(412 * 3);
    assertThat(image.getHeight()).isEqualTo(915 * 3);
  }

  @Test
  void aDesktopJobAfterAMobileOneOnTheSameSessionIsDesktopAgain() {
    TestBrowsers.run(anAssignment().as(CHROMIUM_MOBILE).to(TestPages.url("viewport.html")).build());

    var result = succeeded(TestBrowsers.run(
        anAssignment().to(TestPages.url("viewport.html")).doing(extract("info", "#info")).build()).outcome());

    assertThat((String) result.data().get("info")).startsWith("1280x720 dpr=1 touch=false")
        .doesNotContain(CHROMIUM_MOBILE.userAgent());
  }

  @Test
  void fillClickAndExtractWorkWithEveryWayOfTargeting() {
    var job = anAssignment().to(TestPages.url("form.html")).doing(
        new Fill("Type your name", TargetBy.GET_BY_PLACEHOLDER, null, null, null, "Ada"),
        new Fill("Email", TargetBy.GET_BY_LABEL, null, null, null, "ada@example.com"),
        new Click("button[name=\"Save\"]", TargetBy.GET_BY_ROLE, null, null, null),
        extract("greeting", "#greeting"),
        new Extract("email", "//input[@id='email']", TargetBy.GET_BY_XPATH, null, null, null, null, "value", null),
        new Extract("link", "top-link", TargetBy.GET_BY_TEST_ID, null, null, null, "title", null, null),
        new Extract("second", "li", null, 1, null, null, null, null, null),
        new Extract("items", "li", null, null, null, null, null, null, true),
        new Extract("heading", "Sign", TargetBy.GET_BY_TEXT, null, null, null, null, "html", null),
        new Extract("hidden", "#hidden", null, null, null, null, null, null, null)).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat(result.data())
        .containsEntry("greeting", "Hello, Ada")
        .containsEntry("email", "ada@example.com")
        .containsEntry("link", "Back up")
        .containsEntry("second", "two")
        .containsEntry("items", List.of("one", "two", "three"))
        .containsEntry("heading", "Sign up")
        .containsEntry("hidden", "secret");
    assertThat(result.actions()).hasSize(10).allMatch(a -> a.success());
  }

  @Test
  void anActionInsideAFrameFindsItsElementThere() {
    var job = anAssignment().to(TestPages.url("frame.html")).doing(
        new Fill("#name", null, null, FramePath.of("#inner"), null, "Grace"),
        new Click("#save", null, null, FramePath.of("#inner"), null),
        new Extract("greeting", "#greeting", null, null, FramePath.of("#inner"), null, null, null, null)).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat(result.data()).containsEntry("greeting", "Hello, Grace");
  }

  @Test
  void anElementActionWaitsForAnElementThatAppearsLater() {
    var job = anAssignment().to(TestPages.url("late.html"))
        .doing(new Click("#late", null, null, null, null), extract("late", "#late")).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat(result.data()).containsEntry("late", "clicked");
  }

  @Test
  void aMissingElementFailsWithoutRetryNamingTheActionAndTargetAndKeepsPartialResults() {
    var job = anAssignment().to(TestPages.url("form.html")).doing(
        extract("title", "h1"),
        new Click("#missing", null, null, null, 300)).build();

    var run = TestBrowsers.run(job);

    var failed = failed(run.outcome());
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message())
        .contains("action 2/2 click")
        .contains("getBySelector '#missing'")
        .contains("within 300 ms");
    JobResult partial = failed.result();
    assertThat(partial.failedActionIndex()).isEqualTo(1);
    assertThat(partial.data()).containsEntry("title", "Sign up");
    assertThat(partial.actions()).extracting(a -> a.success()).containsExactly(true, false);
    assertThat(partial.actions().get(1).error()).contains("#missing");
    assertThat(run.next()).as("an element error does not cost the session").isSameAs(run.ranOn());
    assertThat(run.reports().progress()).extracting(p -> p.success()).containsExactly(true, false);
  }

  @Test
  void aDisabledElementIsNotClickedAndTheFailureSaysWhy() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new Click("#disabled", null, null, null, 200)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().message()).contains("was not visible and enabled within 200 ms");
  }

  @Test
  void aJobThatOutlastsItsTimeoutIsStoppedItsSessionDiscardedAndItFailsRetryably() {
    var job = anAssignment().to(TestPages.url("form.html")).withTimeoutMs(1500)
        .doing(extract("title", "h1"), new Wait(20_000), screenshot(null, null, null)).build();

    var run = TestBrowsers.run(job);

    var failed = failed(run.outcome());
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(failed.failure().retryable()).isTrue();
    assertThat(failed.failure().message()).startsWith("timed out after 1500 ms").contains("action 2/3 wait");
    // Stopped, rather than left to run its 20 s wait.
    assertThat(run.elapsedMs()).isLessThan(15_000);
    assertThat(failed.result().failedActionIndex()).isEqualTo(1);
    assertThat(failed.result().data()).containsEntry("title", "Sign up");
    assertThat(run.ranOn().isAlive()).isFalse();
    assertThat(run.next()).isNotSameAs(run.ranOn());
    // and the replacement session works
    succeeded(TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build()).outcome());
  }

  @Test
  void aDeniedTargetFailsWithoutRetryBeforeTheBrowserOpensIt() {
    var executor = new AttemptExecutor(TestBrowsers.runner(false), Duration.ofMillis(50));
    var job = anAssignment().to(TestPages.url("form.html")).doing(screenshot(null, null, null)).build();

    var run = TestBrowsers.run(job, executor);

    var failed = failed(run.outcome());
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("private or loopback");
    assertThat(run.reports().artifacts()).isEmpty();
  }

  @Test
  void aNavigateActionToADeniedUrlFailsAtThatAction() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new Navigate("http://169.254.169.254/latest/meta-data/", null, null)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("action 1/1 navigate").contains("link-local");
    assertThat(failed.result().failedActionIndex()).isZero();
  }

  @Test
  void anInvalidActionFailsWithoutRetryBeforeAnythingRuns() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(extract("title", "h1"), screenshot(null, "gif", null)).build();

    var run = TestBrowsers.run(job);

    var failed = failed(run.outcome());
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(failed.failure().message()).contains("action 2/2 screenshot").contains("png or jpeg");
    assertThat(failed.result().failedActionIndex()).isEqualTo(1);
    assertThat(failed.result().data()).isEmpty();
  }

  @Test
  void anUnreachableTargetIsARetryableNavigationFailure() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var job = anAssignment().to("http://127.0.0.1:" + closedPort + "/").build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION);
    assertThat(failed.failure().retryable()).isTrue();
    assertThat(failed.failure().message()).contains("ERR_CONNECTION_REFUSED");
  }

  @Test
  void imagesAreLoadedAndShownInScreenshots() throws Exception {
    var job = anAssignment().to(TestPages.url("image.html")).doing(screenshot(null, null, null)).build();

    var run = TestBrowsers.run(job);

    succeeded(run.outcome());
    BufferedImage image = imageOf(run.reports().artifacts().getFirst());
    assertThat(image.getRGB(100, 50) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(image.getRGB(400, 50) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void networkIdleWaitsForSlowResourcesWhileDomContentLoadedDoesNot() {
    var early = TestBrowsers.run(anAssignment().to(TestPages.url("very-slow.html"))
        .waitingUntil(WaitUntil.DOM_CONTENT_LOADED)
        .doing(new dev.browserfleet.contracts.action.ExecuteScript("return document.images[0].complete", "imageLoaded", null))
        .build());
    var idle = TestBrowsers.run(anAssignment().to(TestPages.url("slow.html"))
        .waitingUntil(WaitUntil.NETWORK_IDLE).build());

    succeeded(early.outcome());
    succeeded(idle.outcome());
    // the image takes 1200 ms, then 500 ms must pass without a request
    assertThat(openMillis(idle)).isGreaterThanOrEqualTo(1_700);
    // domcontentloaded returned while the page's 10 s image was still loading (timing it instead
    // failed on a loaded machine, where the page alone took seconds)
    assertThat(early.outcome().result().data()).containsEntry("imageLoaded", false);
  }

  private static long openMillis(TestBrowsers.Run run) {
    return run.reports().logs().stream()
        .filter(l -> l.message().startsWith("opened "))
        .map(l -> ((Number) l.metadata().get("durationMs")).longValue())
        .findFirst().orElseThrow();
  }

  private static Screenshot screenshot(Boolean fullPage, String type, Integer quality) {
    return new Screenshot(fullPage, type, quality, null);
  }

  private static Extract extract(String name, String selector) {
    return new Extract(name, selector, null, null, null, null, null, null, null);
  }

  private static BufferedImage imageOf(Artifact artifact) throws IOException {
    return ImageIO.read(TestBrowsers.artifacts().resolve(artifact.path()).toFile());
  }

  static JobResult succeeded(AttemptOutcome outcome) {
    assertThat(outcome).isInstanceOf(AttemptOutcome.Succeeded.class);
    return outcome.result();
  }

  static AttemptOutcome.Failed failed(AttemptOutcome outcome) {
    assertThat(outcome).isInstanceOf(AttemptOutcome.Failed.class);
    return (AttemptOutcome.Failed) outcome;
  }
}
