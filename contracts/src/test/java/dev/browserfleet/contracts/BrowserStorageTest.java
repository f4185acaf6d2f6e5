package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.command.SubmitJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserStorageTest {

  private static final BrowserStorage STORAGE = new BrowserStorage(
      List.of(new BrowserStorage.Cookie("session", "cookie-secret", "example.com", "/", true, true, "Lax", null)),
      Map.of("token", "local-secret"),
      Map.of("tab", "session-secret"));

  @Test
  void itsTextNamesTheCookiesAndItemsButShowsNoValue() {
    var job = new SubmitJob(JobId.random(), "acme", 1, "https://example.com/", List.of(), null, null, null, null, null,
        STORAGE);

    assertThat(job.toString())
        .contains("session", "token", "tab")
        .doesNotContain("cookie-secret", "local-secret", "session-secret");
  }

  @Test
  void itsJsonStillCarriesTheValues() {
    String json = JsonCodec.toJson(STORAGE);

    assertThat(json).contains("cookie-secret", "local-secret", "session-secret");
  }
}
