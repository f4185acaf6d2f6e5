package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Back;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.DragAndDrop;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Forward;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Reload;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.SwitchTo;
import dev.browserfleet.contracts.action.Upload;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.worker.support.Assignments;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The actions that issue 15 added to the action language, the same cases and the same assertions
 * on every engine: a subclass per engine supplies its warm session, run as a worker slot runs it.
 * Pages are served on loopback by {@link TestPages}.
 */
abstract class NewActionsConformance {

  /** What a job run gave. */
  record Run(AttemptOutcome outcome, RecordingReports reports) {}

  abstract Engine engine();

  /**
   * Runs {@code job} on the engine's warm session of the test JVM ({@link TestBrowsers}) through
   * {@code executor}, then readies the session for the next.
   */
  Run run(JobAssignment job, AttemptExecutor executor) {
    var run = TestBrowsers.run(engine(), job, executor);
    return new Run(run.outcome(), run.reports());
  }

  private static final AttemptExecutor EXECUTOR = executor(UrlPolicies::none);

  // ---- back, forward, reload

  @Test
  void backForwardAndReloadMoveThroughTheTabsHistory() {
    var job = job(TestPages.url("history.html")).doing(
        new Navigate(TestPages.url("form.html"), null, null),
        new Back(null),
        text("afterBack", "#loads"),
        new Forward(null),
        text("afterForward", "h1"),
        new Back(null),
        text("beforeReload", "#loads"),
        new Reload(null),
        text("afterReload", "#loads")).build();

    JobResult result = succeeded(run(job));

    assertThat(result.data()).containsEntry("afterForward", "Sign up");
    int beforeReload = Integer.parseInt((String) result.data().get("beforeReload"));
    assertThat(result.data().get("afterBack")).as("back on the first page").isNotNull();
    assertThat(result.data()).as("the reload loaded the page once more").containsEntry("afterReload", String.valueOf(beforeReload + 1));
    assertThat(result.finalUrl()).endsWith("/history.html");
    assertThat(result.title()).isEqualTo("History");
  }

  @Test
  void aReloadWaitsForTheJobsWaitUntil() {
    var job = job(TestPages.url("slow.html")).waitingUntil(WaitUntil.LOAD).doing(new Reload(null)).build();

    var run = run(job);

    succeeded(run);
    assertThat(run.reports().progress().getFirst().durationMs())
        .as("the reload waited for the load event, after the 1.2 s image").isGreaterThanOrEqualTo(1000);
  }

  @Test
  void backWithNothingToGoBackToLeavesThePage() {
    var job = job(TestPages.url("form.html")).doing(new Back(null), text("heading", "h1")).build();

    assertThat(succeeded(run(job)).data()).containsEntry("heading", "Sign up");
  }

  @Test
  void goingBackToAPageThePolicyNowDeniesFailsTheJobWithoutRetry() {
    String form = TestPages.url("form.html");
    int historyRequests = TestPages.requests("/history.html");
    UUID policyId = UUID.randomUUID();
    // form.html is denied once history.html has been requested, that is, between the two actions.
    Supplier<UrlPolicies> policies = () -> TestPages.requests("/history.html") > historyRequests
        ? UrlPolicies.of(List.of(blacklist(policyId, form))) : UrlPolicies.none();
    var job = job(form).doing(new Navigate(TestPages.url("history.html"), null, null), new Back(null)).build();

    var failed = failed(run(job, executor(policies)));

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("action 2/2 back").contains(form).contains("URL policy " + policyId);
  }

  @Test
  void aReloadOfAPageWhoseServerHasGoneFailsAsARetryableNavigationError() throws IOException {
    HttpServer once = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    once.createContext("/", exchange -> {
      byte[] page = "<!doctype html><title>Once</title><p id=here>here</p>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
      // Served once: the reload finds nobody listening.
      Thread.ofPlatform().daemon().start(() -> once.stop(0));
    });
    once.start();
    String url = "http://127.0.0.1:" + once.getAddress().getPort() + "/once.html";
    try {
      var failed = failed(run(job(url).doing(text("before", "#here"), new Reload(null)).build()));

      assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.NAVIGATION);
      assertThat(failed.failure().retryable()).isTrue();
      assertThat(failed.failure().message()).contains("action 2/2 reload").contains("ERR_CONNECTION_REFUSED");
    } finally {
      once.stop(0);
    }
  }

  // ---- extract of live state

  @Test
  void extractReadsCheckedSelectedAndDisabledAsBooleans() {
    var job = job(TestPages.url("state.html")).doing(
        state("agree", "#agree", "checked"),
        state("newsBefore", "#news", "checked"),
        new Click("#toggle", null, null, null, null),
        state("newsAfter", "#news", "checked"),
        state("large", "#large", "selected"),
        state("small", "#small", "selected"),
        state("on", "#on", "disabled"),
        state("off", "#off", "disabled"),
        state("inside", "#inside", "disabled"),
        new Extract("options", "#size option", null, null, null, null, null, "selected", true)).build();

    var data = succeeded(run(job)).data();

    assertThat(data).containsEntry("agree", true).containsEntry("newsBefore", false).containsEntry("newsAfter", true)
        .containsEntry("large", true).containsEntry("small", false)
        .containsEntry("on", false).containsEntry("off", true)
        .as("disabled by its fieldset").containsEntry("inside", true)
        .containsEntry("options", List.of(false, true));
  }

  @Test
  void extractReadsAComputedStyleAsAString() {
    var job = job(TestPages.url("state.html")).doing(
        state("color", "#warning", "style:color"),
        state("weight", "#warning", "style:font-weight"),
        state("display", "#box", "style:display")).build();

    var data = succeeded(run(job)).data();

    assertThat(data).containsEntry("color", "rgb(200, 30, 40)").containsEntry("weight", "700")
        .containsEntry("display", "none");
  }

  // ---- frame as a path

  @Test
  void elementActionsWorkInsideNestedFramesGivenAsAPath() {
    FramePath inner = FramePath.of("#outer", "#inner");
    var job = job(TestPages.url("frames-outer.html")).doing(
        new Fill("#name", null, null, inner, null, "Ada"),
        new Click("#save", null, null, inner, null),
        new WaitFor(null, null, null, inner, null, null, "Hello, Ada", null, null),
        new Extract("greeting", "#greeting", null, null, inner, null, null, null, null),
        new Extract("middle", "#middle-text", null, null, FramePath.of("#outer"), null, null, null, null),
        text("top", "#top-text")).build();

    var data = succeeded(run(job)).data();

    assertThat(data).containsEntry("greeting", "Hello, Ada").containsEntry("middle", "the middle frame")
        .containsEntry("top", "the page");
  }

  @Test
  void aFrameOfThePathThatIsMissingIsNamed() {
    var job = job(TestPages.url("frames-outer.html")).doing(
        new Extract("x", "#greeting", null, null, FramePath.of("#outer", "#nowhere"), 500, null, null, null)).build();

    var failed = failed(run(job));

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message())
        .contains("in frame '#outer' > '#nowhere'")
        .contains("no frame matches '#nowhere' (frame 2 of '#outer' > '#nowhere') within 500 ms");
  }

  // ---- switchTo

  @Test
  void aTabAClickOpenedIsSwitchedToByUrlAndLeftByIndex() throws Exception {
    var job = job(TestPages.url("windows.html")).doing(
        new Click("#report-link", null, null, null, null),
        new SwitchTo(null, "report", null),
        text("inReport", "h1"),
        new Screenshot(null, null, null, null),
        new SwitchTo(0, null, null),
        text("inFirst", "#first"),
        new SwitchTo(1, null, null)).build();

    var run = run(job);

    JobResult result = succeeded(run);
    assertThat(result.data()).containsEntry("inReport", "Quarterly report").containsEntry("inFirst", "the first window");
    assertThat(result.finalUrl()).as("the job ended in the report's window").endsWith("/report.html?via=link");
    assertThat(result.title()).isEqualTo("Report");
    BufferedImage shot = ImageIO.read(TestBrowsers.artifacts().resolve(run.reports().artifacts().getFirst().path()).toFile());
    assertThat(new Color(shot.getRGB(shot.getWidth() / 2, shot.getHeight() / 2)))
        .as("the screenshot is of the report's window").isEqualTo(new Color(0, 128, 0));

    var next = succeeded(run(job(TestPages.url("form.html")).doing(text("heading", "h1")).build()));
    assertThat(next.data()).as("the next job is on a tab of its own").containsEntry("heading", "Sign up");
    assertThat(next.finalUrl()).endsWith("/form.html");
  }

  @Test
  void aWindowThatNeverOpensIsNamedInTheFailure() {
    var job = job(TestPages.url("windows.html")).doing(new SwitchTo(1, null, 500)).build();

    var failed = failed(run(job));

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message())
        .contains("action 1/1 switchTo failed: there is no window with index 1 within 500 ms (the job has 1 open)");
  }

  // ---- dragAndDrop

  @Test
  void aDraggableElementIsDroppedWithItsDragData() {
    var job = job(TestPages.url("drag.html")).doing(
        new DragAndDrop("#card", null, null, null, null, "#bin"),
        text("result", "#html5-result")).build();

    assertThat(succeeded(run(job)).data()).containsEntry("result", "dropped card-data");
  }

  @Test
  void anyOtherElementIsDraggedWithTheMouse() {
    var job = job(TestPages.url("drag.html")).doing(
        new DragAndDrop("#knob", null, null, null, null, "#slot"),
        text("result", "#mouse-result")).build();

    assertThat(succeeded(run(job)).data()).containsEntry("result", "knob in slot after moves");
  }

  @Test
  void aDropTargetThatIsMissingIsNamed() {
    var job = job(TestPages.url("drag.html")).doing(new DragAndDrop("#card", null, null, null, 500, "#nowhere")).build();

    var failed = failed(run(job));

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().message()).contains("action 1/1 dragAndDrop on getBySelector '#card' failed")
        .contains("no element matches getBySelector '#nowhere'");
  }

  // ---- upload

  @Test
  void aChosenFileReachesThePageWithItsNameTypeAndBytes() {
    var job = job(TestPages.url("upload.html")).doing(
        new Upload("#file", null, null, null, null, List.of(file("a.txt", "text/plain", "hello upload"))),
        new WaitFor(null, null, null, null, null, null, "file ", null, null),
        text("seen", "#out")).build();

    assertThat(succeeded(run(job)).data()).containsEntry("seen", "file a.txt:text/plain:12:hello upload");
  }

  @Test
  void severalFilesGoIntoAHiddenInputThatTakesSeveral() {
    var job = job(TestPages.url("upload.html")).doing(
        new Upload("#many", null, null, null, null,
            List.of(file("one.csv", "text/csv", "1,2"), file("two.bin", null, "xyz"))),
        new WaitFor(null, null, null, null, null, null, "many ", null, null),
        text("seen", "#out")).build();

    assertThat(succeeded(run(job)).data())
        .containsEntry("seen", "many one.csv:text/csv:3:1,2 | two.bin:application/octet-stream:3:xyz");
  }

  @Test
  void anInputThatTakesOneFileOrNoFileInputAtAllRefusesClearly() {
    var two = job(TestPages.url("upload.html")).doing(new Upload("#file", null, null, null, null,
        List.of(file("a.txt", "text/plain", "a"), file("b.txt", "text/plain", "b")))).build();
    var notAnInput = job(TestPages.url("upload.html")).doing(new Upload("#out", null, null, null, null,
        List.of(file("a.txt", "text/plain", "a")))).build();

    var refusedTwo = failed(run(two));
    var refusedParagraph = failed(run(notAnInput));

    assertThat(refusedTwo.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(refusedTwo.failure().retryable()).isFalse();
    assertThat(refusedTwo.failure().message()).contains("getBySelector '#file' takes one file");
    assertThat(refusedParagraph.failure().message()).contains("getBySelector '#out' is not an <input type=file>");
  }

  // ---- dialogs

  @Test
  void dialogsAreAcceptedByDefaultAPromptWithItsDefaultValueAndEachIsListedInTheResult() {
    var job = job(TestPages.url("prompts.html")).doing(new Click("#alert", null, null, null, null),
        new Click("#confirm", null, null, null, null), new Click("#prompt", null, null, null, null),
        text("alerted", "#alerted"), text("confirmed", "#confirmed"), text("named", "#named")).build();

    JobResult result = succeeded(run(job));

    assertThat(result.data()).containsEntry("alerted", "alert closed").containsEntry("confirmed", "confirmed=true")
        .containsEntry("named", "name=Grace");
    assertThat(result.dialogs()).containsExactly(new DialogResult("alert", "Saved", "accepted", null),
        new DialogResult("confirm", "Delete it?", "accepted", null), new DialogResult("prompt", "Your name?", "accepted", null));
  }

  @Test
  void dialogsAreDismissedOrAPromptGivenTextFromTheDialogsActionOn() {
    var job = job(TestPages.url("prompts.html")).doing(new Dialogs(false, null),
        new Click("#confirm", null, null, null, null), text("dismissed", "#confirmed"),
        new Click("#prompt", null, null, null, null), text("dismissedPrompt", "#named"),
        new Dialogs(true, "Ada"), new Click("#prompt", null, null, null, null), text("named", "#named"),
        new Click("#confirm", null, null, null, null), text("accepted", "#confirmed")).build();

    JobResult result = succeeded(run(job));

    assertThat(result.data()).containsEntry("dismissed", "confirmed=false").containsEntry("dismissedPrompt", "name=null")
        .containsEntry("named", "name=Ada").containsEntry("accepted", "confirmed=true");
    assertThat(result.dialogs()).containsExactly(new DialogResult("confirm", "Delete it?", "dismissed", null),
        new DialogResult("prompt", "Your name?", "dismissed", null), new DialogResult("prompt", "Your name?", "accepted", "Ada"),
        new DialogResult("confirm", "Delete it?", "accepted", null));
    var next = succeeded(run(job(TestPages.url("prompts.html")).doing(new Click("#confirm", null, null, null, null),
        text("confirmed", "#confirmed")).build()));
    assertThat(next.data()).as("the next job answers as by default").containsEntry("confirmed", "confirmed=true");
  }

  @Test
  void aDialogThatOpensWhileThePageLoadsNeverBlocksTheJob() {
    var job = job(TestPages.url("dialogs.html")).doing(new Click("#ask", null, null, null, null), text("answer", "#answer")).build();

    JobResult result = succeeded(run(job));

    assertThat(result.data()).containsEntry("answer", "confirmed=true");
    // WebKitWebDriver tells a dialog's message only; the page's notes of types start once it has loaded.
    String loadType = engine() == Engine.WEBKIT ? null : "alert";
    assertThat(result.dialogs()).containsExactly(new DialogResult(loadType, "welcome", "accepted", null),
        new DialogResult("confirm", "Sure?", "accepted", null));
  }

  // ---- helpers

  Assignments job(String url) {
    return Assignments.anAssignment().as(desktop(engine())).to(url);
  }

  Run run(JobAssignment job) {
    return run(job, EXECUTOR);
  }

  static Upload.File file(String name, String mimeType, String content) {
    return new Upload.File(name, mimeType,
        java.util.Base64.getEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static Extract state(String name, String target, String property) {
    return new Extract(name, target, null, null, null, null, null, property, null);
  }

  static Extract text(String name, String target) {
    return new Extract(name, target, null, null, null, null, null, null, null);
  }

  static JobResult succeeded(Run run) {
    assertThat(run.outcome()).as(() -> String.valueOf(run.outcome())).isInstanceOf(AttemptOutcome.Succeeded.class);
    return run.outcome().result();
  }

  static AttemptOutcome.Failed failed(Run run) {
    assertThat(run.outcome()).as(() -> String.valueOf(run.outcome())).isInstanceOf(AttemptOutcome.Failed.class);
    return (AttemptOutcome.Failed) run.outcome();
  }

  static BrowserType desktop(Engine engine) {
    return SeedBrowserTypes.all().stream().filter(t -> t.type() == engine && !t.emulatesMobile()).findFirst().orElseThrow();
  }

  static AttemptExecutor executor(Supplier<UrlPolicies> policies) {
    var guard = new UrlGuard(new TargetAddressPolicy(true, TargetAddressPolicy.SYSTEM_DNS), policies);
    return new AttemptExecutor(new JobRunner(guard, TestBrowsers.artifacts(), JobRunner.Settings.DEFAULTS),
        Duration.ofMillis(50));
  }

  private static UrlPolicy blacklist(UUID id, String pattern) {
    Instant at = Instant.now();
    return new UrlPolicy(id, pattern, UrlPolicyType.BLACKLIST, null, true, at, at);
  }
}
