package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.PageScripts;

/** The script behind {@link DriverSession#elementState}, loaded once. */
final class ElementStates {

  static final String SCRIPT = PageScripts.load(ElementStates.class, "element-state.js");

  private ElementStates() {}
}
