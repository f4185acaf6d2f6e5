package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriverException;

class FirefoxNavigationErrorsTest {

  private static WebDriverException bidiError(String error, String message) {
    return new WebDriverException("{\"type\":\"error\",\"id\":7,\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
  }

  @Test
  void aRefusedConnectionIsNamedAsChromiumNamesIt() {
    var described = FirefoxNavigationErrors.describe("http://127.0.0.1:9/",
        bidiError("unknown error", "NS_ERROR_CONNECTION_REFUSED"));

    assertThat(described.getMessage())
        .startsWith("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/ (Firefox: NS_ERROR_CONNECTION_REFUSED)");
  }

  @Test
  void aPortFirefoxRefusesIsAnUnsafePort() {
    var described = FirefoxNavigationErrors.describe("http://127.0.0.1:1/", bidiError("unknown error", "Error: deniedPortAccess"));

    assertThat(described.getMessage()).startsWith("net::ERR_UNSAFE_PORT at http://127.0.0.1:1/ (Firefox: deniedPortAccess)");
  }

  @Test
  void anErrorThatIsNoNetworkFailureIsPassedOnAsTheBrowserSaidIt() {
    var described = FirefoxNavigationErrors.describe("http://x/", bidiError("no such frame", "Browsing context gone"));

    assertThat(described).isInstanceOf(org.openqa.selenium.NoSuchFrameException.class);
    assertThat(described.getMessage()).startsWith("no such frame: Browsing context gone");
  }
}
