package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The action language on WebKit (MiniBrowser through WebKitWebDriver, on Xvfb). */
class ActionLanguageWebKitTest extends ActionLanguageConformance {

  @Override
  Engine engine() {
    return Engine.WEBKIT;
  }
}
