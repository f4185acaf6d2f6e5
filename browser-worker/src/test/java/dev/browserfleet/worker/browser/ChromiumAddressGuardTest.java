package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.EngineException;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request of a local Chromium, not only its documents, goes through the session's guard
 * proxy, which connects only to addresses the guard allows. The guard here refuses connections to
 * the test server by the name "localhost" and allows them by its address, 127.0.0.1.
 */
class ChromiumAddressGuardTest {

  private static final NavigationGuard REFUSE_LOCALHOST = new NavigationGuard() {
    @Override
    public Optional<String> denial(String url) {
      return Optional.empty();
    }

    @Override
    public Optional<String> connectionDenial(String host, InetAddress address) {
      return host.equals("localhost") ? Optional.of("a request to localhost is denied: it is refused by this test")
          : Optional.empty();
    }
  };

  private BrowserSession session;

  @BeforeEach
  void takeAWarmSession() {
    session = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build()).next();
    session.beginJob(new DeviceProfile(DeviceProfile.DEFAULT_WIDTH, DeviceProfile.DEFAULT_HEIGHT, 1, false, null),
        REFUSE_LOCALHOST);
  }

  @AfterEach
  void reset() {
    session.reset();
  }

  @Test
  void anImageFromARefusedAddressIsNeverRequestedAndOneFromAnAllowedAddressIs() {
    int before = TestPages.requests("/red.png");

    session.open(TestPages.url("probe.html?host=localhost"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20)));
    assertThat(session.title()).isEqualTo("failed");
    assertThat(TestPages.requests("/red.png")).as("the image's request never reached the server").isEqualTo(before);
    assertThat(session.takeBlockedNavigation()).as("a refused subresource does not fail the job").isEmpty();

    session.open(TestPages.url("probe.html?host=127.0.0.1"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20)));
    assertThat(session.title()).isEqualTo("loaded");
    assertThat(TestPages.requests("/red.png")).isEqualTo(before + 1);
  }

  @Test
  void anHttpDocumentAtARefusedAddressIsABlockedNavigation() {
    int before = TestPages.requests("/secret.html");

    session.open(TestPages.url("secret.html").replace("127.0.0.1", "localhost"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20)));

    assertThat(session.takeBlockedNavigation()).hasValue("a request to localhost is denied: it is refused by this test");
    assertThat(TestPages.requests("/secret.html")).isEqualTo(before);
  }

  @Test
  void anHttpsDocumentAtARefusedAddressFailsItsNavigationAsBlocked() {
    int before = TestPages.requests("/secret.html");
    String url = TestPages.httpsUrl("secret.html").replace("127.0.0.1", "localhost");

    assertThatThrownBy(() -> session.open(url, WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(20))))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("a request to localhost is denied");

    assertThat(session.takeBlockedNavigation()).hasValueSatisfying(why -> assertThat(why)
        .isEqualTo("navigation to " + url + " is denied: a request to localhost is denied: it is refused by this test"));
    assertThat(TestPages.requests("/secret.html")).isEqualTo(before);
  }
}
