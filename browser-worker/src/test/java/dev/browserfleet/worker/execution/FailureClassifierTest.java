package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.browser.SeleniumErrors;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import dev.browserfleet.worker.engine.SessionStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.InvalidElementStateException;
import org.openqa.selenium.InvalidSelectorException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;

class FailureClassifierTest {

  @Test
  void navigationErrorsAreRetryableAndRetireTheSession() {
    var failure = classify(new WebDriverException(
        "unknown error: net::ERR_NAME_NOT_RESOLVED\n  (Session info: chrome=156.0)\nBuild info: ..."));

    assertThat(failure.kind()).isEqualTo(FailureKind.NAVIGATION);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.sessionBroken()).isTrue();
    assertThat(failure.message()).isEqualTo("net::ERR_NAME_NOT_RESOLVED");
  }

  @Test
  void aNavigationTheBrowserRefusesForGoodIsNotRetriedAndKeepsTheSession() {
    for (String error : new String[] {"net::ERR_UNSAFE_PORT at http://127.0.0.1:1/",
        "net::ERR_CERT_AUTHORITY_INVALID at https://localhost/", "net::ERR_ABORTED at http://h/file.zip"}) {
      var failure = classify(new WebDriverException(error));

      assertThat(failure.kind()).as(error).isEqualTo(FailureKind.NAVIGATION_REFUSED);
      assertThat(failure.retryable()).as(error).isFalse();
      assertThat(failure.sessionBroken()).as(error).isFalse();
      assertThat(failure.message()).isEqualTo(error);
    }
  }

  @Test
  void aPageLoadTimeoutIsARetryableNavigationFailure() {
    var failure = classify(new TimeoutException("the page did not reach load within 100 ms"));

    assertThat(failure.kind()).isEqualTo(FailureKind.NAVIGATION);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void aCrashedBrowserOrDriverIsRetryableAndRetiresTheSession() {
    assertThat(classify(new NoSuchSessionException("invalid session id")))
        .extracting(Failure::kind, Failure::retryable, Failure::sessionBroken)
        .containsExactly(FailureKind.BROWSER, true, true);
    assertThat(classify(new WebDriverException("unknown error: tab crashed")).kind())
        .isEqualTo(FailureKind.BROWSER);
    assertThat(classify(new WebDriverException("chrome not reachable")).message())
        .startsWith("the browser is gone");
    assertThat(classify(new SessionStartException("could not start Chromium", null)).retryable())
        .isTrue();
  }

  @Test
  void aTimedOutAttemptIsRetryable() {
    var failure = classify(new SessionInterruptedException("interrupted during a wait"));

    assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void whatTheRunnerFoundKeepsItsKindAndSparesTheSession() {
    for (FailureKind kind : new FailureKind[] {
        FailureKind.ELEMENT_NOT_FOUND, FailureKind.INVALID_ACTION, FailureKind.URL_POLICY}) {
      var failure = classify(new StepException(kind, "because"));
      assertThat(failure.kind()).isEqualTo(kind);
      assertThat(failure.retryable()).isFalse();
      assertThat(failure.sessionBroken()).isFalse();
      assertThat(failure.message()).isEqualTo("because");
    }
  }

  @Test
  void elementErrorsAreNotRetryableAndSpareTheSession() {
    assertThat(classify(new ElementClickInterceptedException("element click intercepted")))
        .extracting(Failure::kind, Failure::retryable, Failure::sessionBroken)
        .containsExactly(FailureKind.ELEMENT_NOT_FOUND, false, false);
    assertThat(classify(new InvalidSelectorException("invalid selector: ##")).kind())
        .isEqualTo(FailureKind.INVALID_ACTION);
    assertThat(classify(new InvalidElementStateException("element must be user-editable")).kind())
        .isEqualTo(FailureKind.INVALID_ACTION);
  }

  @Test
  void anArtifactThatCannotBeWrittenIsRetryable() {
    var failure = classify(new UncheckedIOException("disk full", new IOException("disk full")));

    assertThat(failure.kind()).isEqualTo(FailureKind.STORAGE);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void anUnexpectedErrorIsAnInternalFailureThatIsNotRetried() {
    var failure = classify(new IllegalStateException("a bug"));

    assertThat(failure.kind()).isEqualTo(FailureKind.INTERNAL);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("IllegalStateException").contains("a bug");
  }

  @Test
  void aNavigationTheGuardDeniedExplainsTheErrorItCaused() {
    var blocked = new WebDriverException("unknown error: net::ERR_BLOCKED_BY_CLIENT");

    var failure = FailureClassifier.classify(SeleniumErrors.translate(blocked),
        () -> Optional.of("navigation to http://169.254.169.254/ is denied: a link-local address"));

    assertThat(failure.kind()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).isEqualTo("navigation to http://169.254.169.254/ is denied: a link-local address");
  }

  @Test
  void aStepsOwnVerdictAndAGoneSessionKeepTheirMeaning() {
    var step = new StepException(FailureKind.ELEMENT_NOT_FOUND, "no element matches '#x'");
    assertThat(FailureClassifier.classify(step, () -> Optional.of("denied")).kind()).isEqualTo(FailureKind.ELEMENT_NOT_FOUND);

    var crash = SeleniumErrors.translate(new NoSuchSessionException("invalid session id"));
    var failure = FailureClassifier.classify(crash, () -> {
      throw SeleniumErrors.translate(new NoSuchSessionException("invalid session id"));
    });
    assertThat(failure.kind()).isEqualTo(FailureKind.BROWSER);
  }

  /** As the worker meets an error: a driver's error arrives translated at the adapter's edge. */
  private static Failure classify(Throwable error) {
    return FailureClassifier.classify(error instanceof WebDriverException driver ? SeleniumErrors.translate(driver) : error);
  }
}
