package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The action language on headless Chromium through chromedriver and CDP. */
class ActionLanguageChromiumTest extends ActionLanguageConformance {

  @Override
  Engine engine() {
    return Engine.CHROMIUM;
  }
}
