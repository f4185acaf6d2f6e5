package dev.browserfleet.contracts.action;

/**
 * Makes a window of the job the one the following actions act on: by {@code index} (0 is the
 * job's own tab, then the windows its pages opened, in the order they appeared) or by the first
 * whose URL contains {@code urlContains}; exactly one of the two. Waits up to {@code timeoutMs}
 * for such a window to appear.
 */
public record SwitchTo(Integer index, String urlContains, Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "switchTo";
  }
}
