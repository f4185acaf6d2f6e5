package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.Engine;

/** The new actions on WebKitGTK through WebKitWebDriver: the test JVM's warm session of the engine. */
class NewActionsWebKitTest extends NewActionsConformance {

  @Override
  Engine engine() {
    return Engine.WEBKIT;
  }
}
