package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.worker.engine.SessionStartException;
import dev.browserfleet.worker.guard.ChromiumGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.Connection;

/**
 * Starts headless Chromium through a local chromedriver. Each session gets its own temp root,
 * used as the profile directory and as {@code TMPDIR} of the driver and the browser, so that the
 * {@code org.chromium.Chromium.*} directories Chromium leaves behind go when the session goes. The
 * driver, its browsers and the temp root are this JVM's {@link Reaper}'s: they go when the JVM goes,
 * however it ends.
 */
public final class ChromiumDriverFactory implements DriverFactory {

  /**
   * Flags for headless Chromium in a container, running as root (see MACHINE-NOTES). The features
   * turned off are background requests to Google hosts that the flags before them leave on (seen
   * through the guard proxy with Chromium 156: optimizationguide-pa.googleapis.com and
   * clients2.google.com/time). Some remain that no flag turns off: the new tab page of Debian's
   * default search engine, the sign-in account list (accounts.google.com/ListAccounts) and the
   * on-device model manifest check (update.googleapis.com); the proxy logs them at DEBUG.
   */
  static final List<String> HEADLESS_FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-extensions",
          "--hide-scrollbars",
          "--mute-audio",
          "--disable-features=OptimizationHints,OptimizationHintsFetching,"
              + "OptimizationGuideModelDownloading,NetworkTimeServiceQuerying");

  /**
   * @param driverPath the chromedriver executable; given explicitly so that Selenium Manager never
   *     runs (it would unpack itself to /tmp and try to download)
   * @param binary the Chromium executable, or {@code null} for chromedriver's own choice
   * @param extraArguments more command-line flags for Chromium
   * @param tempBase where session temp roots are created
   */
  public record Settings(Path driverPath, Path binary, List<String> extraArguments, Path tempBase) {
    public Settings {
      extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }
  }

  private final Settings settings;

  public ChromiumDriverFactory(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Engine engine() {
    return Engine.CHROMIUM;
  }

  @Override
  public Optional<String> unavailableReason() {
    if (!Files.isExecutable(settings.driverPath())) {
      return Optional.of("chromedriver is not an executable file at " + settings.driverPath()
          + " (install chromium-driver, or set browserfleet.worker.chromium.driver-path"
          + " or browserfleet.worker.remote.chromium)");
    }
    if (settings.binary() != null && !Files.isExecutable(settings.binary())) {
      return Optional.of("Chromium is not an executable file at " + settings.binary()
          + " (install chromium, or set browserfleet.worker.chromium.binary)");
    }
    return Optional.empty();
  }

  @Override
  public String description() {
    return "local chromedriver " + settings.driverPath();
  }

  @Override
  public DriverSession start() {
    Reaper reaper = Reaper.ofThisJvm();
    Path root;
    try {
      root = reaper.newDirectory(settings.tempBase(), "chromium");
    } catch (IOException e) {
      throw new SessionStartException("could not create a temp directory for Chromium under " + settings.tempBase(), e);
    }
    var environment = new HashMap<>(reaper.environment());
    environment.put("TMPDIR", root.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(settings.driverPath().toFile())
            .usingAnyFreePort()
            .withEnvironment(environment)
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeDriver driver = null;
    LocalBrowserProcesses local = null;
    ChromiumGuard guard;
    try {
      guard = ChromiumGuard.local();
    } catch (UncheckedIOException e) {
      LocalBrowserProcesses.deleteTree(root);
      throw new SessionStartException(e.getMessage(), e.getCause());
    }
    try {
      driver = new DialogAwareChromeDriver(service, options(root, guard));
      ProcessHandle driverProcess =
          LocalBrowserProcesses.driverListeningOn(service.getUrl().getPort())
              .orElseThrow(() -> new IllegalStateException("the chromedriver process was not found"));
      local = new LocalBrowserProcesses(driverProcess, root);
      Connection cdp = CdpDomains.connect(driver)
          .orElseThrow(() -> new IllegalStateException("chromedriver gave no DevTools address"));
      try {
        return new ChromiumSession(driver, cdp, local, guard);
      } catch (RuntimeException e) {
        cdp.close();
        throw e;
      }
    } catch (RuntimeException e) {
      // Whatever started must not outlive the failure: the driver, any browser under it, the files.
      if (local == null) {
        LocalBrowserProcesses.driverListeningOn(service.getUrl().getPort())
            .ifPresent(p -> new LocalBrowserProcesses(p, root).kill());
      } else {
        local.kill();
      }
      if (driver != null) {
        try {
          driver.quit();
        } catch (RuntimeException ignored) {
          // the start failed already; that is what is reported
        }
      }
      service.stop();
      guard.close();
      LocalBrowserProcesses.deleteTree(root);
      throw new SessionStartException("could not start Chromium through " + settings.driverPath() + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Every request of the browser goes through the guard's proxy, loopback ones too (Chromium leaves
   * those out of a proxy by default), which checks the address each connection goes to; WebRTC
   * may not send UDP around it.
   */
  private ChromeOptions options(Path root, ChromiumGuard guard) {
    var arguments = new ArrayList<String>();
    arguments.add("--user-data-dir=" + root.resolve("profile"));
    arguments.add("--proxy-server=http://" + guard.proxyAddress());
    arguments.add("--proxy-bypass-list=<-loopback>");
    arguments.add("--force-webrtc-ip-handling-policy=disable_non_proxied_udp");
    arguments.addAll(settings.extraArguments());
    ChromeOptions options = sessionOptions(arguments);
    if (settings.binary() != null) {
      options.setBinary(settings.binary().toFile());
    }
    // The session answers each dialog over CDP as the job says; chromedriver must not answer first.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    return options;
  }

  /**
   * Options of every Chromium session, local or remote: headless, {@code get()} returning at
   * DOMContentLoaded (the session waits for the rest itself), and dialogs (alert, confirm, prompt,
   * beforeunload) accepted rather than left to block the page.
   */
  static ChromeOptions sessionOptions(List<String> extraArguments) {
    var options = new ChromeOptions();
    var arguments = new ArrayList<>(HEADLESS_FLAGS);
    arguments.addAll(extraArguments);
    options.addArguments(arguments);
    options.setPageLoadStrategy(PageLoadStrategy.EAGER);
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
    return options;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
