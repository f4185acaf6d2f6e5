package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.reaper.Reaper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.MutableCapabilities;

/**
 * Starts headless Firefox through a geckodriver found on {@code PATH}. Not verified on the
 * development machine, which has no geckodriver (see the README).
 */
public final class GeckoDriverFactory implements DriverFactory {

  private final Path tempBase;
  private final Optional<Path> geckodriver;

  public GeckoDriverFactory(Path tempBase) {
    this(tempBase, onPath("geckodriver"));
  }

  GeckoDriverFactory(Path tempBase, Optional<Path> geckodriver) {
    this.tempBase = tempBase;
    this.geckodriver = geckodriver;
  }

  @Override
  public Engine engine() {
    return Engine.FIREFOX;
  }

  @Override
  public Optional<String> unavailableReason() {
    return geckodriver.isPresent() ? Optional.empty()
        : Optional.of("no geckodriver on PATH (install one, or set browserfleet.worker.remote.firefox)");
  }

  @Override
  public String description() {
    return "local geckodriver " + geckodriver.map(Path::toString).orElse("(none)");
  }

  @Override
  public BrowserSession open() {
    Path driverPath = geckodriver.orElseThrow(() -> new SessionStartException(unavailableReason().orElseThrow(), null));
    Path root;
    try {
      root = Reaper.ofThisJvm().newDirectory(tempBase, "firefox");
    } catch (IOException e) {
      throw new SessionStartException("could not create a temp directory for Firefox under " + tempBase, e);
    }
    LocalBrowserProcesses processes = null;
    try {
      int port = DriverServers.freePort();
      processes = DriverServers.start(driverPath, port, Map.of(), root);
      // No guard proxy: what Firefox does with one could not be tried here (no geckodriver).
      return new PlainWebDriverSession(Engine.FIREFOX, DriverServers.endpoint(port), capabilities(), processes, null, null);
    } catch (IOException | RuntimeException e) {
      if (processes != null) {
        processes.kill();
      }
      LocalBrowserProcesses.deleteTree(root);
      throw new SessionStartException("could not start Firefox through " + driverPath + ": "
          + ChromiumDriverFactory.firstLine(e.getMessage()), e);
    }
  }

  static MutableCapabilities capabilities() {
    var capabilities = new MutableCapabilities();
    capabilities.setCapability("browserName", "firefox");
    capabilities.setCapability("moz:firefoxOptions", Map.of("args", List.of("-headless")));
    capabilities.setCapability("pageLoadStrategy", "eager");
    capabilities.setCapability("unhandledPromptBehavior", "accept");
    return capabilities;
  }

  static Optional<Path> onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
