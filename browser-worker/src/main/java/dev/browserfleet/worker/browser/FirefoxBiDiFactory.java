package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.engine.SessionStartException;
import dev.browserfleet.worker.guard.FirefoxGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts headless Firefox itself and drives it over WebDriver BiDi, Firefox's own Remote Agent:
 * no geckodriver. Each session is one Firefox process on a fresh profile; its start costs several
 * seconds, so it is kept warm and isolates jobs with user contexts (see {@link FirefoxSession}).
 */
public final class FirefoxBiDiFactory implements DriverFactory {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /**
   * Firefox's own background traffic (updates, safe browsing, captive portal checks, telemetry)
   * stays off: a worker's browser requests what its jobs ask for and nothing else.
   */
  private static final List<String> PREFS = List.of(
      "user_pref(\"app.update.disabledForTesting\", true);",
      "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
      "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
      "user_pref(\"browser.safebrowsing.downloads.enabled\", false);",
      "user_pref(\"network.captive-portal-service.enabled\", false);",
      "user_pref(\"network.connectivity-service.enabled\", false);",
      "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
      "user_pref(\"toolkit.telemetry.enabled\", false);",
      "user_pref(\"extensions.update.enabled\", false);",
      "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
      "user_pref(\"services.settings.server\", \"data:,\");",
      // Scrollbars over the page, as in headless Chromium: the layout viewport is the whole window.
      "user_pref(\"widget.gtk.overlay-scrollbars.enabled\", true);",
      "user_pref(\"ui.useOverlayScrollbars\", 1);");

  /**
   * The profile's preferences: {@link #PREFS}, and every request of the browser, loopback ones
   * included (Firefox leaves those out of a proxy by default), sent to the guard proxy at {@code
   * proxyAddress} ({@code host:port}), which checks the address of each connection. Only the BiDi
   * agent's own listening port is not a request.
   */
  static List<String> prefs(String proxyAddress) {
    String[] hostPort = proxyAddress.split(":");
    var prefs = new java.util.ArrayList<>(PREFS);
    prefs.add("user_pref(\"network.proxy.type\", 1);");
    for (String scheme : List.of("http", "ssl")) {
      prefs.add("user_pref(\"network.proxy." + scheme + "\", \"" + hostPort[0] + "\");");
      prefs.add("user_pref(\"network.proxy." + scheme + "_port\", " + hostPort[1] + ");");
    }
    prefs.add("user_pref(\"network.proxy.no_proxies_on\", \"\");");
    prefs.add("user_pref(\"network.proxy.allow_hijacking_localhost\", true);");
    prefs.add("user_pref(\"network.proxy.socks_remote_dns\", false);");
    return prefs;
  }

  /**
   * @param binary the Firefox executable (Debian's {@code firefox-esr} by default)
   * @param tempBase where sessions get their profile and temp directories
   */
  public record Settings(Path binary, Path tempBase) {
    public static Settings debianDefaults(Path tempBase) {
      return new Settings(Path.of("/usr/bin/firefox-esr"), tempBase);
    }
  }

  private final Settings settings;

  public FirefoxBiDiFactory(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Engine engine() {
    return Engine.FIREFOX;
  }

  @Override
  public Optional<String> unavailableReason() {
    return Files.isExecutable(settings.binary()) ? Optional.empty()
        : Optional.of("Firefox is not an executable file at " + settings.binary()
            + " (install firefox-esr, set browserfleet.worker.firefox.binary, or set browserfleet.worker.remote.firefox)");
  }

  @Override
  public String description() {
    return "local " + settings.binary() + " over WebDriver BiDi";
  }

  @Override
  public DriverSession start() {
    Path root;
    try {
      // The JVM's reaper removes it, and stops the Firefox in it, should the JVM die first.
      root = dev.browserfleet.reaper.Reaper.ofThisJvm().newDirectory(settings.tempBase(), "firefox");
    } catch (IOException e) {
      throw new SessionStartException("could not create a temp directory for Firefox under " + settings.tempBase(), e);
    }
    FirefoxProcess process = null;
    BiDiChannel channel = null;
    FirefoxGuard guard = null;
    try {
      guard = new FirefoxGuard();
      process = FirefoxProcess.start(settings.binary(), root, prefs(guard.proxyAddress()), START_TIMEOUT);
      channel = BiDiChannel.connect(process.sessionUrl());
      // session.new answers once Firefox has finished starting, which takes seconds after it listens.
      channel.send("session.new", Map.of("capabilities",
          Map.of("alwaysMatch", Map.of("unhandledPromptBehavior", Map.of("default", "ignore")))), START_TIMEOUT);
      return new FirefoxSession(new LocalFirefox(process), channel, guard);
    } catch (IOException | RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      if (channel != null) {
        channel.abort();
      }
      if (process != null) {
        process.stop(Duration.ZERO);
      } else {
        LocalBrowserProcesses.deleteTree(root);
      }
      throw new SessionStartException("could not start Firefox " + settings.binary() + ": "
          + ChromiumDriverFactory.firstLine(e.getMessage()), e);
    }
  }
}
