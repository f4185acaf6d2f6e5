package dev.browserfleet.worker.browser;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.devtools.CdpVersionFinder;

/**
 * Levels for Selenium's own {@code java.util.logging} loggers whose warnings ask nothing of an
 * operator. Selenium bundles the CDP domains of the three newest Chromium versions only, and
 * {@link CdpVersionFinder} warns of a Chromium outside them at every session start; the worker
 * falls back to the nearest domains on its own (see {@code CdpDomains.nearest}) and
 * says so once, at INFO.
 */
final class SeleniumLogLevels {

  // java.util.logging holds its loggers weakly: a level set on one that nobody references is lost
  // when it is collected.
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger(CdpVersionFinder.class.getName());

  private SeleniumLogLevels() {}

  static void quietCdpVersionWarnings() {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }
}
