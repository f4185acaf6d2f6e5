package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The new actions on headless Chromium: the test JVM's warm session of the engine. */
class NewActionsChromiumTest extends NewActionsConformance {

  @Override
  Engine engine() {
    return Engine.CHROMIUM;
  }
}
