package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The new actions on headless Firefox over WebDriver BiDi: the test JVM's warm session of the engine. */
class NewActionsFirefoxTest extends NewActionsConformance {

  @Override
  Engine engine() {
    return Engine.FIREFOX;
  }
}
