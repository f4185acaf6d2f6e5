package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.MutableCapabilities;

/**
 * Starts WebKitGTK's MiniBrowser through a local WebKitWebDriver. WebKitGTK has no headless mode,
 * so each session gets its own Xvfb display (Xvfb picks a free number itself) and its own driver
 * process, both stopped with the session; see MACHINE-NOTES.
 */
public final class WebKitDriverFactory implements DriverFactory {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @param driverPath the WebKitWebDriver executable
   * @param browserBinary the MiniBrowser executable
   * @param xvfbPath the Xvfb executable
   * @param tempBase where session temp roots are created
   */
  public record Settings(Path driverPath, Path browserBinary, Path xvfbPath, Path tempBase) {
    public static Settings debianDefaults(Path tempBase) {
      return new Settings(Path.of("/usr/bin/WebKitWebDriver"),
          Path.of("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"), Path.of("/usr/bin/Xvfb"), tempBase);
    }
  }

  private final Settings settings;

  public WebKitDriverFactory(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Engine engine() {
    return Engine.WEBKIT;
  }

  @Override
  public Optional<String> unavailableReason() {
    for (var entry : Map.of(
        "WebKitWebDriver", settings.driverPath(), "MiniBrowser", settings.browserBinary(), "Xvfb",
        settings.xvfbPath()).entrySet()) {
      if (!Files.isExecutable(entry.getValue())) {
        return Optional.of(entry.getKey() + " is not an executable file at " + entry.getValue()
            + " (install webkit2gtk-driver and xvfb, set browserfleet.worker.webkit.*, or set"
            + " browserfleet.worker.remote.webkit)");
      }
    }
    return Optional.empty();
  }

  @Override
  public String description() {
    return "local WebKitWebDriver " + settings.driverPath() + " on Xvfb";
  }

  @Override
  public BrowserSession open() {
    Path root;
    try {
      Files.createDirectories(settings.tempBase());
      root = Files.createTempDirectory(settings.tempBase(), "bf-webkit-");
    } catch (IOException e) {
      throw new SessionStartException("could not create a temp directory for WebKit under " + settings.tempBase(), e);
    }
    Process xvfb = null;
    LocalBrowserProcesses driverProcesses = null;
    try {
      xvfb = new ProcessBuilder(settings.xvfbPath().toString(), "-displayfd", "1", "-screen", "0", "1920x1080x24",
          "-nolisten", "tcp")
          .redirectError(root.resolve("xvfb.log").toFile())
          .start();
      int display = readDisplay(xvfb);
      int port = DriverServers.freePort();
      driverProcesses = DriverServers.start(settings.driverPath(), port, Map.of("DISPLAY", ":" + display), root);
      URL endpoint = DriverServers.endpoint(port);
      return new PlainWebDriverSession(Engine.WEBKIT, endpoint, capabilities(settings), driverProcesses, xvfb.toHandle(), true);
    } catch (IOException | RuntimeException e) {
      if (driverProcesses != null) {
        driverProcesses.kill();
      }
      if (xvfb != null) {
        xvfb.destroyForcibly();
      }
      LocalBrowserProcesses.deleteTree(root);
      throw new SessionStartException("could not start WebKit through " + settings.driverPath() + ": "
          + ChromiumDriverFactory.firstLine(e.getMessage()), e);
    }
  }

  static MutableCapabilities capabilities(Settings settings) {
    var capabilities = new MutableCapabilities();
    capabilities.setCapability("webkitgtk:browserOptions", Map.of(
        "binary", settings.browserBinary().toString(),
        // Without --automation, a given binary never answers the new-session request.
        "args", List.of("--automation")));
    // Not "eager": under it, WebKitGTK 2.50 here left navigations and later commands waiting
    // until the page load timeout on pages whose load event comes after DOMContentLoaded (an image
    // still loading), though the page had loaded; under "normal" (and "none") they never did.
    capabilities.setCapability("pageLoadStrategy", "normal");
    capabilities.setCapability("unhandledPromptBehavior", "accept");
    return capabilities;
  }

  /** The display number Xvfb chose, which it writes to its stdout once it is ready. */
  private static int readDisplay(Process xvfb) {
    var reader = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return reader.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String number = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (number == null || number.isBlank()) {
        throw new IllegalStateException("Xvfb exited without a display");
      }
      return Integer.parseInt(number.strip());
    } catch (Exception e) {
      throw new IllegalStateException("Xvfb gave no display within " + START_TIMEOUT.toSeconds() + " s", e);
    }
  }
}
