package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The after-the-fact window check of engines without request interception, run on Chromium's WebDriver. */
class OpenWindowsTest {

  private static final NavigationGuard DENY_OPENED =
      url -> url.contains("popup-opened") ? Optional.of("navigation to " + url + " is denied") : Optional.empty();

  @Test
  void aPopupOnADeniedUrlIsClosedAndReportedAndTheJobWindowStaysCurrent() {
    BrowserSession session = TestBrowsers.run(anAssignment().build()).next();
    WebDriver driver = WebDriverPage.driverOf(session);
    try {
      driver.get(TestPages.url("popup.html"));
      String jobWindow = driver.getWindowHandle();
      assertThat(OpenWindows.closeDenied(driver, DENY_OPENED)).isEmpty();

      driver.findElement(By.id("allowed")).click();
      new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.getWindowHandles().size() == 2);
      new WebDriverWait(driver, Duration.ofSeconds(5))
          .until(d -> d.findElement(By.id("result")).getText().startsWith("popup loaded"));

      assertThat(OpenWindows.closeDenied(driver, DENY_OPENED))
          .hasValueSatisfying(why -> assertThat(why).contains("popup-opened.html is denied"));
      assertThat(driver.getWindowHandles()).containsExactly(jobWindow);
      assertThat(driver.getWindowHandle()).isEqualTo(jobWindow);
      assertThat(OpenWindows.closeDenied(driver, url -> Optional.of("all denied")))
          .as("the job's own window is reported, not closed").hasValue("all denied");
      assertThat(driver.getWindowHandles()).containsExactly(jobWindow);
    } finally {
      session.reset();
    }
  }
}
