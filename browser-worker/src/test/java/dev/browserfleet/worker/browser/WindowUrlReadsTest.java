package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * How {@link OpenWindows} reads a window's address when the driver cannot give one. The driver is a
 * stand-in that answers {@code getCurrentUrl} from a script: what is under test is the policy, which
 * a real driver only shows under load (see {@link OpenWindowsTest} for the real thing).
 */
class WindowUrlReadsTest {

  private static final WebDriverException NO_URL = new WebDriverException("Remote browser did not respond to getCurrentUrl");

  private static WebDriver answering(AtomicInteger reads, List<Object> answers) {
    Deque<Object> left = new ArrayDeque<>(answers);
    return (WebDriver) Proxy.newProxyInstance(
        WebDriver.class.getClassLoader(),
        new Class<?>[] {WebDriver.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("getCurrentUrl")) {
            throw new UnsupportedOperationException(method.getName());
          }
          reads.incrementAndGet();
          Object answer = left.size() > 1 ? left.poll() : left.peek();
          if (answer instanceof RuntimeException e) {
            throw e;
          }
          return answer;
        });
  }

  @Test
  void anAddressMissingForAMomentIsReadAgain() {
    var reads = new AtomicInteger();
    WebDriver driver = answering(reads, List.of(NO_URL, NO_URL, "http://example.test/page"));

    assertThat(OpenWindows.currentUrl(driver)).hasValue("http://example.test/page");
    assertThat(reads).hasValue(3);
  }

  @Test
  void anAddressThatStaysUnreadableIsNoneAfterAboutASecond() {
    var reads = new AtomicInteger();
    WebDriver driver = answering(reads, List.of(NO_URL));

    assertThat(OpenWindows.currentUrl(driver)).isEmpty();
    assertThat(reads).hasValue(20);
  }

  @Test
  void aClosedWindowIsNotRetried() {
    var reads = new AtomicInteger();
    WebDriver driver = answering(reads, List.of(new NoSuchWindowException("gone")));

    assertThatThrownBy(() -> OpenWindows.currentUrl(driver)).isInstanceOf(NoSuchWindowException.class);
    assertThat(reads).hasValue(1);
  }
}
