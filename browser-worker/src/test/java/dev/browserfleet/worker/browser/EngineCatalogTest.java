package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EngineCatalogTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final ChromiumDriverFactory.Settings LOCAL_CHROMIUM = new ChromiumDriverFactory.Settings(
      Path.of("/usr/bin/chromedriver"), null, List.of(), TMP);
  private static final EngineCatalog.LocalDrivers LOCAL =
      new EngineCatalog.LocalDrivers(
      LOCAL_CHROMIUM, WebKitDriverFactory.Settings.debianDefaults(TMP), FirefoxBiDiFactory.Settings.debianDefaults(TMP));

  @Test
  void everyEngineWhoseBrowserIsInstalledHereIsAdvertisedFirefoxWithoutGeckodriver() {
    // This machine has chromedriver, WebKitWebDriver, Xvfb and firefox-esr, and no geckodriver.
    var advertised = EngineCatalog.advertised(List.of(Engine.CHROMIUM, Engine.FIREFOX, Engine.WEBKIT), Map.of(), LOCAL);

    assertThat(advertised).extracting(DriverFactory::engine).containsExactly(Engine.CHROMIUM, Engine.FIREFOX, Engine.WEBKIT);
    assertThat(advertised.get(1)).isInstanceOf(FirefoxBiDiFactory.class);
    assertThat(advertised.get(1).description()).contains("/usr/bin/firefox-esr").contains("WebDriver BiDi");
  }

  @Test
  void aMissingFirefoxLeavesFirefoxOutWithTheReason(CapturedOutput output) {
    var firefox = new FirefoxBiDiFactory.Settings(Path.of("/nonexistent/firefox-esr"), TMP);

    var advertised = EngineCatalog.advertised(List.of(Engine.FIREFOX), Map.of(),
        new EngineCatalog.LocalDrivers(LOCAL_CHROMIUM, LOCAL.webkit(), firefox));

    assertThat(advertised).isEmpty();
    assertThat(output.getOut().lines().filter(l -> l.contains("engine firefox is not advertised"))).singleElement()
        .asString().contains("Firefox is not an executable file at /nonexistent/firefox-esr")
        .contains("install firefox-esr").contains("browserfleet.worker.remote.firefox");
  }

  @Test
  void aMissingWebKitDriverLeavesWebKitOutWithTheReason(CapturedOutput output) {
    var webkit = new WebKitDriverFactory.Settings(Path.of("/nonexistent/WebKitWebDriver"),
        Path.of("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"), Path.of("/usr/bin/Xvfb"), TMP);

    var advertised = EngineCatalog.advertised(List.of(Engine.WEBKIT), Map.of(),
        new EngineCatalog.LocalDrivers(LOCAL_CHROMIUM, webkit, LOCAL.firefox()));

    assertThat(advertised).isEmpty();
    assertThat(output.getOut()).contains("engine webkit is not advertised: WebKitWebDriver is not an executable file"
        + " at /nonexistent/WebKitWebDriver");
  }

  @Test
  void everyEngineCanUseARemoteEndpoint() {
    var advertised = EngineCatalog.advertised(List.of(Engine.FIREFOX, Engine.WEBKIT),
        Map.of(Engine.FIREFOX, URI.create("http://grid:4444"), Engine.WEBKIT, URI.create("http://webkit:4444")), LOCAL);

    assertThat(advertised).extracting(DriverFactory::engine).containsExactly(Engine.FIREFOX, Engine.WEBKIT);
    assertThat(advertised).allSatisfy(f -> assertThat(f).isInstanceOf(RemoteDriverFactory.class));
  }

  @Test
  void aMissingChromedriverLeavesChromiumOutWithTheReason(CapturedOutput output) {
    var settings = new ChromiumDriverFactory.Settings(
        Path.of("/nonexistent/chromedriver"), null, List.of(), Path.of(System.getProperty("java.io.tmpdir")));

    var advertised = EngineCatalog.advertised(List.of(Engine.CHROMIUM), Map.of(),
        new EngineCatalog.LocalDrivers(settings, LOCAL.webkit(), LOCAL.firefox()));

    assertThat(advertised).isEmpty();
    assertThat(output.getOut()).contains("engine chromium is not advertised: chromedriver is not an executable file"
        + " at /nonexistent/chromedriver");
  }

  @Test
  void aRemoteEndpointTakesPrecedenceOverTheLocalDriver() {
    var advertised = EngineCatalog.advertised(
        List.of(Engine.CHROMIUM), Map.of(Engine.CHROMIUM, URI.create("http://grid:4444")), LOCAL);

    assertThat(advertised).singleElement().satisfies(f -> {
      assertThat(f).isInstanceOf(RemoteDriverFactory.class);
      assertThat(f.description()).contains("http://grid:4444");
    });
  }
}
