package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.failed;
import static dev.browserfleet.worker.execution.JobRunnerChromiumTest.succeeded;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A navigation that Chromium itself refuses or fails shows its error page, which WebDriver reports
 * as loaded: each such navigation fails the attempt with Chromium's name for the error instead.
 */
class NavigationErrorsChromiumTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 6000})
  void aPortBrowsersRefuseFailsTheAttemptForGood(int port) {
    var job = anAssignment().to("http://127.0.0.1:" + port + "/").build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_UNSAFE_PORT").contains("127.0.0.1:" + port);
    assertThat(failed.failure().retryable()).isFalse();
  }

  @Test
  void aRedirectToAPortBrowsersRefuseFailsTheAttemptWithChromiumsError() {
    var job = anAssignment().to(TestPages.url("redirect?to=http://127.0.0.1:1/")).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_UNSAFE_PORT at http://127.0.0.1:1/");
  }

  @Test
  void aLinkToAPortBrowsersRefuseFailsTheClickThatFollowsIt() {
    var job = anAssignment().to(TestPages.url("links.html"))
        .doing(new Click("#unsafe", null, null, null, null, null, null, true)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().message()).contains("net::ERR_UNSAFE_PORT");
    assertThat(failed.result().failedActionIndex()).isZero();
  }

  @Test
  void aCertificateTheBrowserDoesNotTrustFailsTheAttempt() {
    var job = anAssignment().to(TestPages.httpsUrl("form.html")).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_CERT_AUTHORITY_INVALID");
    assertThat(failed.failure().retryable()).isFalse();
  }

  @Test
  void aTargetThatAnswersWithNoDocumentFailsTheAttempt() {
    var job = anAssignment().to(TestPages.url("status?code=204")).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_ABORTED");
  }

  @Test
  void aDownloadAsTheTargetFailsTheAttempt() {
    var job = anAssignment().to(TestPages.url("download")).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
    assertThat(failed.failure().message()).contains("net::ERR_ABORTED");
  }

  @Test
  void aNavigateActionToARefusedPortFailsThatAction() {
    var job = anAssignment().to(TestPages.url("form.html"))
        .doing(new Navigate("http://127.0.0.1:1/", null, null)).build();

    var failed = failed(TestBrowsers.run(job).outcome());

    assertThat(failed.failure().message()).contains("net::ERR_UNSAFE_PORT");
    assertThat(failed.result().failedActionIndex()).isZero();
  }

  @Test
  void theSameSessionServesTheNextJobAfterAnErrorPage() {
    var refused = TestBrowsers.run(anAssignment().to("http://127.0.0.1:1/").build());
    assertThat(failed(refused.outcome()).failure().message()).contains("net::ERR_UNSAFE_PORT");

    var next = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build());

    assertThat(succeeded(next.outcome()).title()).isEqualTo("Sign up");
    assertThat(next.ranOn()).isSameAs(refused.ranOn());
  }
}
