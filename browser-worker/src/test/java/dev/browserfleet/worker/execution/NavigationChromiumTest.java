package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every document the browser loads goes through the URL guard; a job's browser storage is there from the first request. */
class NavigationChromiumTest {

  private static final String METADATA = "http://169.254.169.254/latest/meta-data/";

  @Test
  void aRedirectThroughAllowedHopsIsFollowed() {
    String twoHops = redirectTo(redirectTo(TestPages.url("form.html")));
    var job = anAssignment().to(twoHops).doing(extract("title", "h1")).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat(result.data()).containsEntry("title", "Sign up");
    assertThat(result.finalUrl()).isEqualTo(TestPages.url("form.html"));
  }

  @Test
  void aRedirectHopToADeniedAddressIsBlockedBeforeTheRequestAndFailsWithoutRetry() {
    var job = anAssignment().to(redirectTo(redirectTo(METADATA))).build();

    var run = TestBrowsers.run(job);

    var failed = failed(run.outcome());
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().retryable()).isFalse();
    assertThat(failed.failure().message()).contains("navigation to " + METADATA + " is denied").contains("link-local");
    assertThat(run.next()).as("a denied URL does not cost the session").isSameAs(run.ranOn());
  }

  @Test
  void aNavigateActionWhoseRedirectIsDeniedFailsAtThatAction() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(extract("title", "h1"), new Navigate(redirectTo(METADATA), null, null)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.result().failedActionIndex()).isEqualTo(1);
    assertThat(failed.result().data()).containsEntry("title", "Sign up");
  }

  @Test
  void aClickedLinkToADeniedAddressIsNotLoaded() {
    var job = anAssignment().to(TestPages.url("dynamic.html")).doing(
        new Click("#metadata", null, null, null, null),
        new Wait(1000)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("navigation to " + METADATA + " is denied");
    assertThat(failed.result().title()).as("Chromium's error page, not a page from that address").isNotEqualTo("Dynamic")
        .doesNotContain("meta-data");
  }

  @Test
  void browserStorageIsInPlaceBeforeTheFirstRequest() {
    var storage = new BrowserStorage(
        List.of(new BrowserStorage.Cookie("session", "abc123", null, null, null, true, "Lax", null),
            new BrowserStorage.Cookie("lang", "fr", "127.0.0.1", "/", null, null, null, 4_000_000_000L)),
        Map.of("theme", "dark"),
        Map.of("tab", "2"));
    var job = anAssignment().to(TestPages.url("cookies")).withStorage(storage)
        .doing(extract("cookies", "#cookies"), extract("storage", "#storage")).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat((String) result.data().get("cookies")).contains("session=abc123").contains("lang=fr");
    assertThat(result.data()).containsEntry("storage", "dark/2");
  }

  @Test
  void browserStorageOfOneJobIsGoneForTheNext() {
    var storage = new BrowserStorage(List.of(new BrowserStorage.Cookie("session", "abc123", null, null, null, null, null,
        null)), Map.of("theme", "dark"), Map.of("tab", "2"));
    TestBrowsers.run(anAssignment().to(TestPages.url("cookies")).withStorage(storage).build());

    var result = succeeded(TestBrowsers.run(anAssignment().to(TestPages.url("cookies"))
        .doing(extract("cookies", "#cookies"), extract("storage", "#storage")).build()).outcome());

    assertThat(result.data()).containsEntry("cookies", "").containsEntry("storage", "null/null");
  }

  private static String redirectTo(String url) {
    return TestPages.url("redirect?to=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
  }

  private static Extract extract(String name, String selector) {
    return new Extract(name, selector, null, null, null, null, null, null, null);
  }
}
