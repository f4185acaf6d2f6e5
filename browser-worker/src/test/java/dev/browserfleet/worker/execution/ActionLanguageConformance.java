package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.contracts.action.TargetBy;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every action of the action language, the same cases and the same assertions on every engine, on
 * real browsers against pages served on loopback: a subclass per engine names it, and each job runs
 * on that engine's warm session of the test JVM ({@link TestBrowsers}). Where an engine cannot do
 * something at all (WebKit cannot print), the case asserts the clear, non-retryable error instead.
 */
abstract class ActionLanguageConformance {

  abstract Engine engine();

  private TestBrowsers.Run run(JobAssignment job) {
    return TestBrowsers.run(engine(), job);
  }

  private TestBrowsers.Run run(JobAssignment job, AttemptExecutor executor) {
    return TestBrowsers.run(engine(), job, executor);
  }

  @Test
  void selectChoosesAnOptionByValueByLabelOrByIndex() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Select("#colour", null, null, null, null, "g", null, null),
        value("byValue", "#colour"),
        new Select("colour", TargetBy.GET_BY_TEST_ID, null, null, null, null, "Blue", null),
        value("byLabel", "#colour"),
        new Select("#colour", null, null, null, null, null, null, 0),
        value("byIndex", "#colour")).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("byValue", "g").containsEntry("byLabel", "b").containsEntry("byIndex", "r");
  }

  @Test
  void selectingAnOptionThatDoesNotExistFailsWithoutRetryNamingIt() {
    var job = anAssignment().to(TestPages.url("controls.html"))
        .doing(new Select("#colour", null, null, null, null, "purple", null, null)).build();

    var failed = failed(run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("action 1/1 select on getBySelector '#colour'")
        .contains("no option with value 'purple'");
  }

  @Test
  void checkAndUncheckSetACheckboxWhateverItWasBefore() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Check("#terms", null, null, null, null),
        new Check("#terms", null, null, null, null),
        new Uncheck("#news", null, null, null, null),
        script("state", "return [document.getElementById('terms').checked, document.getElementById('news').checked]"))
        .build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("state", List.of(true, false));
  }

  @Test
  void typeClearAndPressWorkKeyByKey() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Clear("#prefilled", null, null, null, null),
        new Type("Type here", TargetBy.GET_BY_PLACEHOLDER, null, null, null, "abc", 30),
        new Press("#typed", null, null, null, null, "Enter"),
        new Press(null, null, null, null, null, "Shift+X"),
        value("prefilled", "#prefilled"),
        new Extract("out", "#out", null, null, null, null, null, null, null),
        script("keys", "return keys.join(',')")).build();

    var run = run(job);

    var result = succeeded(run.outcome());
    assertThat(result.data())
        .containsEntry("prefilled", "")
        .containsEntry("out", "entered abc")
        .containsEntry("keys", "a,b,c,Enter,Shift,X");
    assertThat(run.reports().progress().get(1).durationMs()).as("three keys 30 ms apart").isGreaterThanOrEqualTo(60);
  }

  @Test
  void clickTakesAClickCount() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Click("#clicks", null, null, null, null),
        new Click("#clicks", null, null, null, null, "left", 2, null),
        script("clicks", "return clicks.join(',')")).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("clicks", "click0x1,click0x1,click0x2,dblclick");
  }

  @ParameterizedTest
  @CsvSource({"right, 'contextmenu,auxclick2'", "middle, auxclick1"})
  void theOtherButtonsFireTheirOwnEventsOrFailClearlyWhereTheEngineCannotPressThem(String button, String events) {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Click("#clicks", null, null, null, null, button, null, null),
        script("clicks", "return clicks.join(',')")).build();

    var outcome = run(job).outcome();

    if (engine() == Engine.WEBKIT) {
      var failed = failed(outcome);
      assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
      assertThat(failed.failure().retryable()).isFalse();
      assertThat(failed.failure().message()).contains("a " + button + "-button click is not supported on webkit");
    } else {
      // Never a click event: that is the primary button's alone.
      assertThat(succeeded(outcome).data()).containsEntry("clicks", events);
    }
  }

  @Test
  void aClickThatWaitsForNavigationReturnsOnceTheNextPageHasLoaded() {
    var job = anAssignment().to(TestPages.url("dynamic.html")).doing(
        new Click("#next", null, null, null, null, null, null, true),
        new Extract("title", "h1", null, null, null, 0, null, null, null)).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("title", "Sign up");
    assertThat(result.finalUrl()).isEqualTo(TestPages.url("form.html"));
  }

  @Test
  void hoverMovesTheMouseOverTheElement() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Hover("#hoverme", null, null, null, null),
        new Extract("hover", "#hoverme", null, null, null, null, null, null, null)).build();

    assertThat(succeeded(run(job).outcome()).data()).containsEntry("hover", "hovered");
  }

  @Test
  void moveCursorGlidesAlongACurveToTheElementsCentre() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new MoveCursor("#pad", null, null, null, null, null, null, 300),
        script("moves", "return moves"),
        script("centre", "const r = document.getElementById('pad').getBoundingClientRect();"
            + " return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]")).build();

    var result = succeeded(run(job).outcome());

    @SuppressWarnings("unchecked")
    var moves = (List<List<Number>>) result.data().get("moves");
    assertThat(moves).as("many small moves, not one jump").hasSizeGreaterThan(8);
    assertThat(moves.getLast()).isEqualTo(result.data().get("centre"));
    var first = moves.getFirst();
    var last = moves.getLast();
    double maxOffLine = moves.stream().mapToDouble(p -> distanceFromLine(p, first, last)).max().orElse(0);
    assertThat(maxOffLine).as("the path bows away from the straight line").isGreaterThan(3);
  }

  @Test
  void scrollGoesToAPositionToTheBottomOrToAnElementAtARealSpeed() {
    var job = anAssignment().to(TestPages.url("long.html")).doing(
        new Scroll(null, null, null, null, null, 1000, null, 1000),
        script("atY", "return Math.round(scrollY)"),
        new Scroll(null, null, null, null, null, null, true, 20_000),
        script("atBottom", "return Math.round(scrollY + innerHeight) >= document.documentElement.scrollHeight")).build();

    var run = run(job);

    var result = succeeded(run.outcome());
    assertThat(result.data()).containsEntry("atY", 1000L).containsEntry("atBottom", true);
    // 1000 px at 1000 px/s takes a second: the speed is real, neither a jump nor ten minutes.
    assertThat(run.reports().progress().getFirst().durationMs()).isBetween(900L, 5_000L);
  }

  @Test
  void scrollToAnElementBringsItIntoView() {
    var job = anAssignment().to(TestPages.url("controls.html")).doing(
        new Scroll("#far", null, null, null, null, null, null, 20_000),
        script("inView", "const r = document.getElementById('far').getBoundingClientRect();"
            + " return r.top >= 0 && r.bottom <= innerHeight")).build();

    assertThat(succeeded(run(job).outcome()).data()).containsEntry("inView", true);
  }

  @Test
  void waitForWaitsForStatesTextUrlsAndNetworkIdleness() {
    var job = anAssignment().to(TestPages.url("dynamic.html")).doing(
        new WaitFor("#going", null, null, null, 3000, "detached", null, null, null),
        new WaitFor("#coming", null, null, null, 3000, null, null, null, null),
        new WaitFor("#coming", null, null, null, 3000, "attached", null, null, null),
        new WaitFor(null, null, null, null, 3000, null, "Loaded at last", null, null),
        new Click("#away", null, null, null, null),
        new WaitFor(null, null, null, null, 3000, null, null, "#moved", null),
        new WaitFor(null, null, null, null, 3000, null, null, null, true)).build();

    var run = run(job);

    succeeded(run.outcome());
    assertThat(run.reports().progress()).hasSize(7).allMatch(RecordingReports.Progress::success);
  }

  @Test
  void waitForAnElementThatStaysHiddenFailsWithoutRetry() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new WaitFor("#hidden", null, null, null, 300, "visible", null, null, null)).build();

    var failed = failed(run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("action 1/1 waitFor on getBySelector '#hidden'")
        .contains("was not visible within 300 ms");
  }

  @Test
  void anElementScreenshotIsTheElementAlone() throws Exception {
    var job = anAssignment().to(TestPages.url("controls.html"))
        .doing(new Screenshot(null, "jpeg", 90, null, "#hoverme", null, null, null)).build();

    var run = run(job);

    succeeded(run.outcome());
    Artifact artifact = run.reports().artifacts().getFirst();
    assertThat(artifact.mimeType()).isEqualTo("image/jpeg");
    BufferedImage image = ImageIO.read(TestBrowsers.artifacts().resolve(artifact.path()).toFile());
    assertThat(image.getWidth()).isEqualTo(120);
    assertThat(image.getHeight()).isEqualTo(40);
  }

  @Test
  void pdfPrintsThePageToAPdfArtifactOrFailsClearlyWhereTheEngineCannotPrint() throws Exception {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new Pdf("Letter", true, true, new Pdf.Margin(0.5, 0.5, 0.5, 0.5), 0.8, null)).build();

    var run = run(job);

    if (engine() == Engine.WEBKIT) {
      var failed = failed(run.outcome());
      assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
      assertThat(failed.failure().retryable()).isFalse();
      assertThat(failed.failure().message()).contains("pdf is not supported on webkit");
      return;
    }
    var result = succeeded(run.outcome());
    Artifact artifact = run.reports().artifacts().getFirst();
    assertThat(artifact.artifactType()).isEqualTo(ArtifactType.PDF);
    assertThat(artifact.mimeType()).isEqualTo("application/pdf");
    assertThat(result.actions().getFirst().artifactId()).isEqualTo(artifact.id());
    byte[] bytes = Files.readAllBytes(TestBrowsers.artifacts().resolve(artifact.path()));
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void aSnapshotStoresTheHtmlUrlTitleCookiesAndStorageAsJson() throws Exception {
    var job = anAssignment().to(TestPages.url("storage.html"))
        .doing(new Snapshot(true, true, true, null)).build();

    var run = run(job);

    succeeded(run.outcome());
    Artifact artifact = run.reports().artifacts().getFirst();
    assertThat(artifact.artifactType()).isEqualTo(ArtifactType.DATA);
    assertThat(artifact.mimeType()).isEqualTo("application/json");
    var snapshot = JsonCodec.readTree(Files.readAllBytes(TestBrowsers.artifacts().resolve(artifact.path())));
    assertThat(snapshot.get("url").asString()).isEqualTo(TestPages.url("storage.html"));
    assertThat(snapshot.get("title").asString()).isEqualTo("Storage");
    assertThat(snapshot.get("html").asString()).contains("<p id=\"seen\">");
    assertThat(snapshot.get("cookies").get(0).get("name").asString()).isEqualTo("k");
    assertThat(snapshot.get("localStorage").get("k").asString()).isEqualTo("from-an-earlier-job");
    assertThat(snapshot.get("sessionStorage").get("k").asString()).isEqualTo("from-an-earlier-job");
  }

  @Test
  void executeScriptPutsWhatTheScriptReturnsInTheResult() {
    var job = anAssignment().to(TestPages.url("form.html")).doing(
        script("answer", "return {title: document.title, n: 6 * 7, items: [...document.querySelectorAll('li')].map(e => e.textContent)}"),
        new ExecuteScript("return 1 + 1", null, null)).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data())
        .containsEntry("answer", Map.of("title", "Sign up", "n", 42L, "items", List.of("one", "two", "three")))
        .containsEntry("script1", 2L);
  }

  @Test
  void executeScriptIsRefusedUnlessTheWorkerEnablesIt() {
    var byDefault = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
    var job = anAssignment().to(TestPages.url("form.html")).doing(script("x", "return 1")).build();

    var failed = failed(run(job, byDefault).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("executeScript is disabled on this worker");
  }

  @Test
  void cssSelectorsReachIntoOpenShadowRoots() {
    var job = anAssignment().to(TestPages.url("shadow.html")).doing(
        new Fill("#inside", null, null, null, null, "Ada"),
        new Click("#go", null, null, null, null),
        new Extract("result", "#result", null, null, null, null, null, null, null),
        new Extract("deep", ".deep", null, null, null, null, null, null, null)).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("result", "went Ada").containsEntry("deep", "deep text");
  }

  @Test
  void textLabelRolePlaceholderAndTestIdReachIntoOpenShadowRootsAndIndexCountsLightAndShadowMatches() {
    var job = anAssignment().to(TestPages.url("shadow.html")).doing(
        new Fill("In the shadow", TargetBy.GET_BY_PLACEHOLDER, null, null, null, "Ada"),
        new Click("button[name=\"Go\"]", TargetBy.GET_BY_ROLE, null, null, null),
        new Extract("went", "#result", null, null, null, null, null, null, null),
        new Extract("labelled", "Shadow name", TargetBy.GET_BY_LABEL, null, null, null, null, "value", null),
        new Extract("deep", "deep text", TargetBy.GET_BY_TEXT, null, null, null, "class", null, null),
        new Extract("tagged", "deep-tag", TargetBy.GET_BY_TEST_ID, null, null, null, null, null, null),
        // "Pick": a button in the page, then one in the shadow root.
        new Click("Pick", TargetBy.GET_BY_TEXT, 1, null, null),
        new Extract("picked", "#result", null, null, null, null, null, null, null),
        new Extract("first", "button[name=\"Pick\"]", TargetBy.GET_BY_ROLE, 0, null, null, "id", null, null),
        new Extract("second", "button[name=\"Pick\"]", TargetBy.GET_BY_ROLE, 1, null, null, "id", null, null)).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data())
        .containsEntry("went", "went Ada")
        .containsEntry("labelled", "Ada")
        .containsEntry("deep", "deep")
        .containsEntry("tagged", "tagged deep")
        .containsEntry("picked", "picked shadow")
        .containsEntry("first", "light-pick")
        .containsEntry("second", "shadow-pick");
  }

  @Test
  void xpathStaysInThePagesOwnTree() {
    var job = anAssignment().to(TestPages.url("shadow.html"))
        .doing(new Click("//button[@id='go']", TargetBy.GET_BY_XPATH, null, null, 300)).build();

    var failed = failed(run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);
  }

  @Test
  void anInvalidCssSelectorIsAnInvalidActionNotARetry() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new Click("##nope", null, null, null, 300)).build();

    var failed = failed(run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(failed.failure().message()).contains("'##nope' is not a valid CSS selector");
  }

  @Test
  void dialogsAreAcceptedSoTheyNeverBlockTheJob() {
    var job = anAssignment().to(TestPages.url("dialogs.html")).doing(
        new Click("#ask", null, null, null, null),
        new Extract("answer", "#answer", null, null, null, null, null, null, null)).build();

    var result = succeeded(run(job).outcome());

    assertThat(result.data()).containsEntry("answer", "confirmed=true");
  }

  @Test
  void everyActionReportsItsProgressWithItsIndexTargetAndDuration() {
    var job = anAssignment().to(TestPages.url("form.html")).doing(
        new Fill("#name", null, null, null, null, "Ada"),
        new Click("#save", null, null, null, null),
        new Click("#missing", null, null, null, 200)).build();

    var run = run(job);

    failed(run.outcome());
    assertThat(run.reports().progress()).hasSize(3);
    var click = run.reports().progress().get(1);
    assertThat(click.index()).isEqualTo(1);
    assertThat(click.count()).isEqualTo(3);
    assertThat(click.action()).isEqualTo("click");
    assertThat(click.target()).isEqualTo("getBySelector '#save'");
    assertThat(click.success()).isTrue();
    var missing = run.reports().progress().get(2);
    assertThat(missing.success()).isFalse();
    assertThat(missing.durationMs()).isGreaterThanOrEqualTo(200);
    assertThat(missing.error()).contains("action 3/3 click on getBySelector '#missing'");
  }

  private static Extract value(String name, String selector) {
    return new Extract(name, selector, null, null, null, null, null, "value", null);
  }

  private static ExecuteScript script(String name, String script) {
    return new ExecuteScript(script, name, null);
  }

  private static double distanceFromLine(List<Number> p, List<Number> a, List<Number> b) {
    double ax = a.get(0).doubleValue(), ay = a.get(1).doubleValue();
    double bx = b.get(0).doubleValue(), by = b.get(1).doubleValue();
    double px = p.get(0).doubleValue(), py = p.get(1).doubleValue();
    double length = Math.hypot(bx - ax, by - ay);
    return length == 0 ? 0 : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
  }
}
