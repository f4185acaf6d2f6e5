package dev.browserfleet.worker.browser;

import java.util.Comparator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.devtools.CdpInfo;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of Selenium's bundled CDP domains a Chromium session attaches to its pages with, and its
 * DevTools connection. A session needs no more of the domains than attaching to targets, which has
 * not changed in years; every other command it sends by name.
 */
final class CdpDomains {

  private static final Logger log = LoggerFactory.getLogger(CdpDomains.class);
  private static final Set<Integer> UNMATCHED_VERSIONS_LOGGED = ConcurrentHashMap.newKeySet();

  private CdpDomains() {}

  /**
   * The CDP domains of the browser's version, or when Selenium bundles none for it (it bundles the
   * three newest), those of the nearest version it has. (Not Selenium's CdpVersionFinder, which
   * warns about the mismatch at every session start: this says it once, at INFO.)
   */
  static CdpInfo of(WebDriver driver) {
    return nearest(((HasCapabilities) driver).getCapabilities().getBrowserVersion());
  }

  static CdpInfo nearest(String browserVersion) {
    int major;
    try {
      major = Integer.parseInt(browserVersion.split("\\.", 2)[0]);
    } catch (RuntimeException e) {
      throw new IllegalStateException("not a Chromium version: " + browserVersion, e);
    }
    CdpInfo nearest = ServiceLoader.load(CdpInfo.class).stream()
        .map(ServiceLoader.Provider::get)
        .min(Comparator.comparingInt((CdpInfo info) -> Math.abs(info.getMajorVersion() - major))
            .thenComparing(Comparator.comparingInt(CdpInfo::getMajorVersion).reversed()))
        .orElseThrow(() -> new IllegalStateException("Selenium has no CDP support at all on the class path"));
    // A fallback that works (see CdpDomainsTest) is nothing for an operator to act on: INFO.
    if (nearest.getMajorVersion() != major && UNMATCHED_VERSIONS_LOGGED.add(major)) {
      log.info("Selenium bundles no CDP domains for Chromium {}; using those of CDP {} to attach to pages",
          major, nearest.getMajorVersion());
    }
    return nearest;
  }

  /** A DevTools connection to the browser of {@code driver}, if its endpoint offers one. */
  static Optional<Connection> connect(WebDriver driver) {
    return SeleniumCdpConnection.create(driver);
  }
}
