package dev.browserfleet.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which held BiDi requests Firefox's guard vets, and what a refusal leaves for the job. */
class FirefoxGuardTest {

  private static final NavigationGuard DENY_SECRET =
      url -> url.contains("secret") ? Optional.of("navigation to " + url + " is denied: it is secret") : Optional.empty();

  private final FirefoxGuard guard = new FirefoxGuard();

  @AfterEach
  void closeTheProxy() {
    guard.close();
  }

  @Test
  void aNavigationToADeniedUrlIsRefusedAndBecomesTheJobsBlockedNavigation() {
    guard.beginJob(DENY_SECRET);

    assertThat(guard.vet(held("http://example.test/secret", "document", "navigation-1")))
        .isEqualTo(FirefoxGuard.Verdict.DENIED_DOCUMENT);
    assertThat(guard.takeBlockedNavigation()).hasValue("navigation to http://example.test/secret is denied: it is secret");
    assertThat(guard.takeBlockedNavigation()).as("taken once").isEmpty();
  }

  @Test
  void aFrameIsADocumentAndAnImageIsNot() {
    guard.beginJob(DENY_SECRET);

    assertThat(guard.vet(held("http://example.test/frame.html", "iframe", null))).isEqualTo(FirefoxGuard.Verdict.ALLOWED_DOCUMENT);
    assertThat(guard.vet(held("http://example.test/secret.png", "image", null))).isEqualTo(FirefoxGuard.Verdict.NOT_A_DOCUMENT);
    assertThat(guard.takeBlockedNavigation()).isEmpty();
  }

  @Test
  void betweenJobsEverythingIsAllowedAndARefusalOfTheLastJobIsForgotten() {
    guard.beginJob(DENY_SECRET);
    guard.vet(held("http://example.test/secret", "document", "navigation-1"));

    guard.endJob();

    assertThat(guard.takeBlockedNavigation()).isEmpty();
    assertThat(guard.vet(held("http://example.test/secret", "document", "navigation-2")))
        .isEqualTo(FirefoxGuard.Verdict.ALLOWED_DOCUMENT);
  }

  /** The params of a {@code network.beforeRequestSent} held by the intercept. */
  private static Map<String, Object> held(String url, String destination, String navigation) {
    var event = new HashMap<String, Object>();
    event.put("isBlocked", true);
    event.put("navigation", navigation);
    event.put("request", Map.of("request", "r1", "url", url, "destination", destination));
    return event;
  }
}
