package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.worker.engine.SessionStartException;
import dev.browserfleet.worker.guard.CertificateAuthority;
import dev.browserfleet.worker.guard.WebDriverGuard;
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
import javax.net.ssl.SSLContext;
import org.openqa.selenium.MutableCapabilities;

/**
 * Starts WebKitGTK's MiniBrowser through a local WebKitWebDriver. WebKitGTK has no headless mode,
 * so each session gets its own Xvfb display (Xvfb picks a free number itself) and its own driver
 * process, both stopped with the session, and with the JVM by its {@link Reaper}; see MACHINE-NOTES.
 */
public final class WebKitDriverFactory implements DriverFactory {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  /** Without it, a given binary never answers the new-session request. */
  private static final String AUTOMATION = "--automation";

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
  private final SSLContext upstream;
  /** Made on the first session: its key lives as long as this factory, in memory only. */
  private volatile CertificateAuthority authority;

  /** A factory whose sessions verify https origins with the JDK's trust ({@code javax.net.ssl.trustStore}). */
  public WebKitDriverFactory(Settings settings) {
    this(settings, defaultTrust());
  }

  /** @param upstream the trust that the guard proxy verifies https origins' certificates with */
  public WebKitDriverFactory(Settings settings, SSLContext upstream) {
    this.settings = settings;
    this.upstream = upstream;
  }

  private static SSLContext defaultTrust() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no default TLS context", e);
    }
  }

  private CertificateAuthority authority() {
    CertificateAuthority made = authority;
    if (made == null) {
      synchronized (this) {
        if (authority == null) {
          authority = new CertificateAuthority("Browserfleet worker guard proxy");
        }
        made = authority;
      }
    }
    return made;
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
  public DriverSession start() {
    Reaper reaper = Reaper.ofThisJvm();
    Path root;
    try {
      root = reaper.newDirectory(settings.tempBase(), "webkit");
    } catch (IOException e) {
      throw new SessionStartException("could not create a temp directory for WebKit under " + settings.tempBase(), e);
    }
    Process xvfb = null;
    LocalBrowserProcesses driverProcesses = null;
    WebDriverGuard guard = null;
    try {
      xvfb = reaper.enlist(new ProcessBuilder(settings.xvfbPath().toString(), "-displayfd", "1", "-screen", "0",
              "1920x1080x24", "-nolisten", "tcp"))
          .redirectError(root.resolve("xvfb.log").toFile())
          .start();
      int display = readDisplay(xvfb);
      int port = DriverServers.freePort();
      driverProcesses = DriverServers.start(settings.driverPath(), port, Map.of("DISPLAY", ":" + display), root);
      URL endpoint = DriverServers.endpoint(port);
      guard = WebDriverGuard.throughProxy(authority(), upstream);
      var capabilities = capabilities(behindGuardProxy(settings.browserBinary(), guard.proxyAddress()));
      // The browser is shown the guard proxy's certificates, which it has no reason to trust; the
      // proxy verifies each origin's certificate in its place and answers 502 for one that fails.
      capabilities.setCapability("acceptInsecureCerts", true);
      return new PlainWebDriverSession(Engine.WEBKIT, endpoint, capabilities, driverProcesses, xvfb.toHandle(), guard);
    } catch (IOException | RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
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

  /**
   * The browser options that start {@code browser} through {@code /bin/sh} with every http and
   * https request sent to the guard proxy at {@code proxyAddress} (WebKit takes the proxy from the environment through
   * libproxy), except the automation channel: WebKitWebDriver tells the browser where that is in
   * {@code WEBKIT_INSPECTOR_SERVER}. The W3C {@code proxy} capability cannot do this:
   * WebKitWebDriver turns its {@code sslProxy} into an {@code https://} proxy, which the browser
   * speaks TLS to rather than sending {@code CONNECT}.
   */
  static Map<String, Object> behindGuardProxy(Path browser, String proxyAddress) {
    String proxyUrl = "http://" + proxyAddress;
    // A desktop's proxy settings would come before the environment's.
    String script = "unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION"
        + " HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy NO_PROXY;"
        + " export http_proxy=" + proxyUrl + " https_proxy=" + proxyUrl + " no_proxy=\"$WEBKIT_INSPECTOR_SERVER\";"
        + " exec \"$0\" \"$@\"";
    return browserOptions("/bin/sh", List.of("-c", script, browser.toString(), AUTOMATION));
  }

  private static Map<String, Object> browserOptions(String binary, List<String> args) {
    return Map.of("binary", binary, "args", args);
  }

  /** The capabilities of a MiniBrowser session started as it is, for a remote WebKitWebDriver. */
  static MutableCapabilities capabilities(Path browserBinary) {
    return capabilities(browserOptions(browserBinary.toString(), List.of(AUTOMATION)));
  }

  static MutableCapabilities capabilities(Map<String, Object> browserOptions) {
    var capabilities = new MutableCapabilities();
    capabilities.setCapability("webkitgtk:browserOptions", browserOptions);
    // Not "eager": under it, WebKitGTK 2.50 here left navigations and later commands waiting
    // until the page load timeout on pages whose load event comes after DOMContentLoaded (an image
    // still loading), though the page had loaded; under "normal" (and "none") they never did.
    capabilities.setCapability("pageLoadStrategy", "normal");
    // Dialogs are left open for the session to answer as the job says (DialogAwareRemoteDriver).
    capabilities.setCapability("unhandledPromptBehavior", "ignore");
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
