package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriverException;

/** The events of one request reach NavigationErrors in any order (Selenium handles them on a pool). */
class NavigationErrorsTest {

  private static final String TAB = "TAB1";
  private final NavigationErrors errors = new NavigationErrors();

  @BeforeEach
  void follow() {
    errors.follow(TAB);
  }

  @Test
  void anErrorPageIsNamedByTheFailureOfTheRequestThatLoadedIt() {
    errors.requestWillBeSent(1, request("R1"));
    errors.loadingFailed(failed("R1", "net::ERR_CERT_AUTHORITY_INVALID"));

    assertThatThrownBy(() -> errors.throwIfFailed("https://h/", "https://h/", "R1", "chrome-error://chromewebdata/"))
        .isInstanceOf(WebDriverException.class)
        .hasMessageStartingWith("net::ERR_CERT_AUTHORITY_INVALID at https://h/");
  }

  @Test
  void aFailureHandledBeforeItsRequestStillCounts() {
    errors.loadingFailed(failed("R1", "net::ERR_ABORTED"));
    errors.requestWillBeSent(2, request("R1"));

    assertThatThrownBy(() -> errors.throwIfFailed("http://h/file.zip", null, "R0", "http://before/"))
        .hasMessageStartingWith("net::ERR_ABORTED at http://h/file.zip");
  }

  @Test
  void aLaterDocumentRequestHandledFirstStaysTheCurrentOne() {
    errors.requestWillBeSent(5, request("R2"));
    errors.requestWillBeSent(3, request("R1"));
    errors.loadingFailed(failed("R1", "net::ERR_ABORTED"));
    errors.responseReceived(Map.of("requestId", "R2", "type", "Document"));

    assertThatCode(() -> errors.throwIfFailed("http://h/", null, "R2", "http://h/next")).doesNotThrowAnyException();
  }

  @Test
  void aPageStillBlankAfterANavigationHadNoPageToShow() {
    errors.requestWillBeSent(1, request("R1"));
    errors.responseReceived(Map.of("requestId", "R1", "type", "Document"));

    assertThatThrownBy(() -> errors.throwIfFailed("http://h/204", null, "R0", "about:blank"))
        .hasMessageStartingWith("net::ERR_ABORTED at http://h/204");
  }

  @Test
  void aLoadedPageIsNoError() {
    errors.requestWillBeSent(1, request("R1"));
    errors.responseReceived(Map.of("requestId", "R1", "type", "Document"));

    assertThatCode(() -> errors.throwIfFailed("http://h/", null, "R1", "http://h/")).doesNotThrowAnyException();
    assertThatCode(() -> errors.throwIfFailed(null, null, "R1", "http://h/other")).doesNotThrowAnyException();
  }

  @Test
  void requestsOfOtherFramesAreNotTheNavigations() {
    errors.requestWillBeSent(1, Map.of("requestId", "F1", "type", "Document", "frameId", "CHILD"));
    errors.loadingFailed(failed("F1", "net::ERR_CONNECTION_REFUSED"));

    assertThatCode(() -> errors.throwIfFailed("http://h/", null, "R1", "http://h/#x")).doesNotThrowAnyException();
  }

  private static Map<String, Object> request(String id) {
    return Map.of("requestId", id, "type", "Document", "frameId", TAB);
  }

  private static Map<String, Object> failed(String id, String error) {
    return Map.of("requestId", id, "type", "Document", "errorText", error);
  }
}
