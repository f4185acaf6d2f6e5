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

  private static final ChromiumDriverFactory.Settings LOCAL_CHROMIUM = new ChromiumDriverFactory.Settings(
      Path.of("/usr/bin/chromedriver"), null, List.of(), Path.of(System.getProperty("java.io.tmpdir")));

  @Test
  void onlyEnginesThatCanRunHereAreAdvertisedAndEachMissingOneIsLoggedOnce(CapturedOutput output) {
    var advertised = EngineCatalog.advertised(
        List.of(Engine.CHROMIUM, Engine.FIREFOX, Engine.WEBKIT), Map.of(), LOCAL_CHROMIUM);

    assertThat(advertised).extracting(DriverFactory::engine).containsExactly(Engine.CHROMIUM);
    assertThat(output.getOut().lines().filter(l -> l.contains("engine firefox is not advertised"))).hasSize(1);
    assertThat(output.getOut()).contains("engine webkit is not advertised")
        .contains("browserfleet.worker.remote.webkit");
  }

  @Test
  void aMissingChromedriverLeavesChromiumOutWithTheReason(CapturedOutput output) {
    var settings = new ChromiumDriverFactory.Settings(
        Path.of("/nonexistent/chromedriver"), null, List.of(), Path.of(System.getProperty("java.io.tmpdir")));

    var advertised = EngineCatalog.advertised(List.of(Engine.CHROMIUM), Map.of(), settings);

    assertThat(advertised).isEmpty();
    assertThat(output.getOut()).contains("engine chromium is not advertised: chromedriver is not an executable file"
        + " at /nonexistent/chromedriver");
  }

  @Test
  void aRemoteEndpointTakesPrecedenceOverTheLocalDriver() {
    var advertised = EngineCatalog.advertised(
        List.of(Engine.CHROMIUM), Map.of(Engine.CHROMIUM, URI.create("http://grid:4444")), LOCAL_CHROMIUM);

    assertThat(advertised).singleElement().satisfies(f -> {
      assertThat(f).isInstanceOf(RemoteDriverFactory.class);
      assertThat(f.description()).contains("http://grid:4444");
    });
  }
}
