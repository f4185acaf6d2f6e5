package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.browser.ChromiumDriverFactory;
import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.FirefoxBiDiFactory;
import dev.browserfleet.worker.browser.WebKitDriverFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevEnginesTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  @Test
  void everyEngineInstalledHereRunsByDefaultWithSlotsForTwoCores() {
    // This machine has chromedriver, firefox-esr, WebKitWebDriver, MiniBrowser and Xvfb.
    var defaults = DevEngines.arguments(List.of(), Map.of(), DevEngines.localDefaults());

    assertThat(defaults).containsExactly("--browserfleet.worker.engines=chromium,firefox,webkit",
        "--browserfleet.worker.engine-slots.chromium=2", "--browserfleet.worker.engine-slots.firefox=1",
        "--browserfleet.worker.engine-slots.webkit=1");
  }

  @Test
  void anEngineWhoseBrowserIsMissingIsLeftOut() {
    List<DriverFactory> candidates = List.of(
        new ChromiumDriverFactory(new ChromiumDriverFactory.Settings(Path.of("/usr/bin/chromedriver"), null, List.of(), TMP)),
        new FirefoxBiDiFactory(new FirefoxBiDiFactory.Settings(Path.of("/nonexistent/firefox"), TMP)),
        new WebKitDriverFactory(WebKitDriverFactory.Settings.debianDefaults(TMP)));

    var defaults = DevEngines.arguments(List.of(), Map.of(), candidates);

    assertThat(defaults).containsExactly("--browserfleet.worker.engines=chromium,webkit",
        "--browserfleet.worker.engine-slots.chromium=2", "--browserfleet.worker.engine-slots.webkit=1");
  }

  @Test
  void whatTheOperatorSaysAboutEnginesOrSlotsIsLeftAlone() {
    assertThat(DevEngines.arguments(List.of("--browserfleet.worker.slots=1"), Map.of(), DevEngines.localDefaults())).isEmpty();
    assertThat(DevEngines.arguments(List.of(), Map.of("BF_WORKER_ENGINES", "chromium"), DevEngines.localDefaults()))
        .isEmpty();
    assertThat(Engine.values()).hasSize(DevEngines.SLOTS.size());
  }
}
