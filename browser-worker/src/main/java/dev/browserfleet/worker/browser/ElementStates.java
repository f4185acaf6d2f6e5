package dev.browserfleet.worker.browser;

/** The script behind {@link BrowserSession#elementState}, loaded once. */
final class ElementStates {

  static final String SCRIPT = PageScripts.load(ElementStates.class, "element-state.js");

  private ElementStates() {}
}
