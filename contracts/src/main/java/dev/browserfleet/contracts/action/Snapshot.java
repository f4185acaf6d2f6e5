package dev.browserfleet.contracts.action;

/**
 * Stores the page as a JSON artifact: its {@code html}, {@code url} and {@code title}, and when
 * asked its {@code cookies}, {@code localStorage} and {@code sessionStorage}.
 */
public record Snapshot(Boolean cookies, Boolean localStorage, Boolean sessionStorage, Integer timeoutMs)
    implements Action {

  @Override
  public String actionName() {
    return "snapshot";
  }
}
