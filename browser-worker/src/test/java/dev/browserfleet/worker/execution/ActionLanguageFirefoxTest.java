package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The action language on headless Firefox over WebDriver BiDi. */
class ActionLanguageFirefoxTest extends ActionLanguageConformance {

  @Override
  Engine engine() {
    return Engine.FIREFOX;
  }
}
