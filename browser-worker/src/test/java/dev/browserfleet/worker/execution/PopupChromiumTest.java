package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The windows a page opens load their documents through the same URL guard as the page. */
class PopupChromiumTest {

  private static final String METADATA = "http://169.254.169.254/latest/meta-data/";

  @Test
  void aPopupToADeniedAddressFailsTheJobNamingThePolicyJobAfterJob() {
    var job = anAssignment().to(TestPages.url("popup.html"))
        .doing(new Click("#metadata", null, null, null, null), new Wait(1000)).build();

    var first = TestBrowsers.run(job);
    // The second runs on the same session after its reset, which replaced the tab.
    var second = TestBrowsers.run(job);

    for (var run : List.of(first, second)) {
      var failed = failed(run.outcome());
      assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
      assertThat(failed.failure().retryable()).isFalse();
      assertThat(failed.failure().message())
          .contains("navigation to " + METADATA + " is denied").contains("link-local");
      assertThat(run.next()).as("a denied URL does not cost the session").isSameAs(run.ranOn());
    }
    assertThat(second.ranOn()).isSameAs(first.next());
  }

  @Test
  void aPopupAUrlPolicyDeniesIsNeverRequestedEvenBehindAnAllowedRedirect() {
    UUID policyId = UUID.randomUUID();
    Instant at = Instant.now();
    var policy = new UrlPolicy(policyId, TestPages.url("secret.html"), UrlPolicyType.BLACKLIST, null, true, at, at);
    var guard = new UrlGuard(new TargetAddressPolicy(true, TargetAddressPolicy.SYSTEM_DNS),
        () -> UrlPolicies.of(List.of(policy)));
    var executor = new AttemptExecutor(
        new JobRunner(guard, TestBrowsers.artifacts(), JobRunner.Settings.DEFAULTS), Duration.ofMillis(50));
    // The page server is shared by the JVM's tests (the WebKit one has its popup load the page).
    int redirectsBefore = TestPages.requests("/redirect");
    int secretsBefore = TestPages.requests("/secret.html");

    for (String link : List.of("#secret", "#via-redirect")) {
      var job = anAssignment().to(TestPages.url("popup.html"))
          .doing(new Click(link, null, null, null, null), new Wait(1000)).build();

      var failed = failed(TestBrowsers.run(job, executor).outcome());

      assertThat(failed.failure().kind()).isEqualTo(FailureKind.URL_POLICY);
      assertThat(failed.failure().message())
          .contains("navigation to " + TestPages.url("secret.html") + " is denied")
          .contains("URL policy " + policyId);
    }
    assertThat(TestPages.requests("/redirect")).as("the popup ran its allowed hop").isGreaterThan(redirectsBefore);
    assertThat(TestPages.requests("/secret.html")).as("the browser never asked for the denied page")
        .isEqualTo(secretsBefore);
  }

  @Test
  void aPopupToAnAllowedPageLoadsAndRuns() {
    int before = TestPages.requests("/popup-opened.html");
    var job = anAssignment().to(TestPages.url("popup.html")).doing(
        new Click("#allowed", null, null, null, null),
        new WaitFor(null, null, null, null, 5000, null, "popup loaded", null, null),
        new Extract("result", "#result", null, null, null, null, null, null, null)).build();

    var result = succeeded(TestBrowsers.run(job).outcome());

    assertThat(result.data()).containsEntry("result", "popup loaded /popup-opened.html");
    assertThat(TestPages.requests("/popup-opened.html")).isEqualTo(before + 1);
  }
}
